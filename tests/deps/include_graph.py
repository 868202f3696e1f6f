#!/usr/bin/env python3
"""Reads the #include lines of a layer (core by default) and reports how its parts depend on each other.

A unit is a file name without its ending: Foo.h and Foo.cpp count as one. The script prints
- every include cycle between units (a strongly connected component of more than one unit),
- the folders each folder uses, in dependency order,
- folder dependencies that run back up (a folder using one that uses it, directly or not),
and, with --check-map FILE, compares the folder map in FILE (lines "folder: uses a, b") with the code.
It exits 1 when there is a cycle, a folder cycle, or the map disagrees; 0 otherwise.
"""
import argparse
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def unit_of(path):
    folder, name = os.path.split(path)
    stem = os.path.splitext(name)[0]
    return folder, stem


def read_graph(root, layer):
    units = {}
    base = os.path.join(root, layer)
    for dirpath, _, files in os.walk(base):
        for name in files:
            if name.endswith(('.h', '.cpp')):
                units.setdefault(unit_of(os.path.relpath(os.path.join(dirpath, name), root)), []).append(
                    os.path.join(dirpath, name))
    graph = {}
    for (folder, stem), paths in units.items():
        node = (folder, stem)
        graph.setdefault(node, set())
        for path in paths:
            with open(path, encoding='utf-8') as fh:
                for line in fh:
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = m.group(1)
                    if '/' not in target:
                        target = os.path.join(folder, target)
                    if not target.startswith(layer + '/') or not target.endswith('.h'):
                        continue
                    dep = unit_of(target)
                    if dep != node:
                        graph[node].add(dep)
    return graph


def components(graph):
    """Tarjan's strongly connected components, iteratively."""
    index, low, onstack, stack, result = {}, {}, set(), [], []
    counter = [0]
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        onstack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    onstack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in onstack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    member = stack.pop()
                    onstack.discard(member)
                    comp.append(member)
                    if member == node:
                        break
                result.append(comp)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--root', default=os.path.join(os.path.dirname(__file__), '..', '..'))
    parser.add_argument('--layer', default='core')
    parser.add_argument('--check-map', metavar='FILE')
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    graph = read_graph(root, args.layer)
    failed = False

    cycles = [sorted(c) for c in components(graph) if len(c) > 1]
    members = sum(len(c) for c in cycles)
    print(f'{len(graph)} units in {args.layer}/; {len(cycles)} include cycle(s) with {members} units in all')
    for cycle in cycles:
        failed = True
        print('  cycle: ' + ', '.join(f'{f}/{s}' for f, s in cycle))

    folders = {}
    for (folder, _), deps in graph.items():
        folders.setdefault(folder, set())
        for dep_folder, _ in deps:
            if dep_folder != folder:
                folders[folder].add(dep_folder)
    short = lambda f: f.split('/', 1)[1] if '/' in f else f
    folder_cycles = [sorted(c) for c in components(folders) if len(c) > 1]
    back = []
    for comp in folder_cycles:
        failed = True
        print('  folders that use each other: ' + ', '.join(short(f) for f in comp))
        for f in comp:
            for dep in sorted(folders[f]):
                if dep in comp:
                    for (uf, us), deps in sorted(graph.items()):
                        if uf == f:
                            back += [f'{uf}/{us} -> {d[0]}/{d[1]}' for d in sorted(deps) if d[0] == dep]
    if back:
        print(f'  {len(back)} include(s) inside those folder loops:')
        for line in back:
            print('    ' + line)

    print('folder map (each folder: the folders it uses):')
    actual = {}
    for folder in sorted(folders, key=lambda f: (len(reachable(folders, f)), f)):
        uses = sorted(short(d) for d in folders[folder])
        actual[short(folder)] = uses
        print(f'  {short(folder)}: {", ".join(uses) if uses else "-"}')

    if args.check_map:
        documented = {}
        with open(args.check_map, encoding='utf-8') as fh:
            for line in fh:
                m = re.match(r'^\s*([a-z]+): (.*)$', line.rstrip())
                if m and m.group(1) in actual:
                    documented[m.group(1)] = sorted(x.strip() for x in m.group(2).split(',')
                                                    if x.strip() and x.strip() != '-')
        for folder, uses in actual.items():
            if documented.get(folder) != uses:
                failed = True
                print(f'  {args.check_map} says {folder}: {", ".join(documented.get(folder, [])) or "(nothing)"}'
                      f'; the code says {folder}: {", ".join(uses) or "-"}')
    return 1 if failed else 0


def reachable(graph, start):
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


if __name__ == '__main__':
    sys.exit(main())
