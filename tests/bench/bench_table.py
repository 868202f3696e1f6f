"""The rows of tests/bench/run-all's table and their three renderings: text, Markdown and an SVG bar chart."""

import math
from dataclasses import dataclass
from html import escape


@dataclass
class Row:
    """One figure: Authdeck's value, the peer's or floor's from the same run, and the goal.

    goal is (kind, value, source): kind 'ratio<=' or 'ratio>=' compares Authdeck / peer with value; kind '<'
    compares Authdeck's own value with value (an absolute limit, such as one frame). For an absolute goal the
    ratio shown is Authdeck / the limit ("of goal"), so that every row has a ratio to chart; a peer or floor
    of such a row is only shown for context.
    """

    figure: str
    ours: float
    peer: float
    peer_label: str
    goal: tuple

    @property
    def kind(self):
        return self.goal[0]

    @property
    def ratio(self):
        if self.ours is None:
            return None
        if self.kind == '<':
            return self.ours / self.goal[1]
        return self.ours / self.peer if self.peer else None

    @property
    def goal_ratio(self):
        return 1.0 if self.kind == '<' else self.goal[1]

    @property
    def met(self):
        ratio = self.ratio
        if ratio is None:
            return None
        if self.kind == 'ratio>=':
            return ratio >= self.goal[1]
        if self.kind == 'ratio<=':
            return ratio <= self.goal[1]
        return self.ours < self.goal[1]

    def goal_text(self):
        kind, value, _ = self.goal
        if kind == '<':
            return f'< {value:.3g}'
        return f'{"≥" if kind == "ratio>=" else "≤"} {value:g}x'

    def ratio_text(self):
        ratio = self.ratio
        if ratio is None:
            return 'n/a'
        return f'{ratio:.2f} of goal' if self.kind == '<' else f'{ratio:.2f}x'

    def met_text(self):
        return {True: 'met', False: 'NOT met', None: 'no data'}[self.met]

    def cells(self):
        peer = '–' if self.peer is None else f'{number(self.peer)} ({self.peer_label})'
        return [self.figure, number(self.ours), peer, self.ratio_text(), f'{self.goal_text()} ({self.goal[2]})',
                self.met_text()]

    def as_dict(self):
        return {'figure': self.figure, 'authdeck': self.ours, 'peer': self.peer, 'peer_label': self.peer_label,
                'ratio': self.ratio, 'ratio_of': 'goal' if self.kind == '<' else 'peer', 'goal': self.goal_text(),
                'goal_source': self.goal[2], 'met': self.met}


HEADERS = ['figure', 'Authdeck', 'peer / floor (same run)', 'ratio', 'goal (from)', 'met?']


def number(value):
    if value is None:
        return 'n/a'
    if value >= 100:
        return f'{value:,.0f}'
    return f'{value:.3g}' if value >= 1 else f'{value:.3f}'


def describe(info):
    m = info['machine']
    return (f'{info["date"]}, {info["mode"]} mode, {m["cpu"]} ({m["cores"]} cores, {m["memory_gib"]} GiB), '
            f'{m["os"]}, Node {m["node"]}; load average at the start {info["load_before"][0]:.2f}, '
            f'at the end {info["load_after"][0]:.2f}; {info["runtime_s"]} s')


def render_text(rows, info):
    table = [HEADERS] + [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    lines = ['  '.join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in table]
    lines.insert(1, '  '.join('-' * width for width in widths))
    met = sum(1 for row in rows if row.met)
    return '\n'.join(lines + ['', f'{met} of {len(rows)} goals met. {describe(info)}'])


def render_markdown(rows, info):
    lines = ['| ' + ' | '.join(HEADERS) + ' |', '|' + '---|' * len(HEADERS)]
    for row in rows:
        cells = row.cells()
        cells[-1] = f'**{cells[-1]}**' if row.met is False else cells[-1]
        lines.append('| ' + ' | '.join(cell.replace('|', '\\|') for cell in cells) + ' |')
    lines += ['', f'Measured {describe(info)}.', '']
    return '\n'.join(lines)


def render_svg(rows, info):
    """A horizontal bar per row: its ratio on a log scale, green when the goal is met, red when not, with the
    goal as a black tick."""
    low, high = 0.01, 10.0
    label_width, plot_width, bar_height, gap, top = 430, 440, 16, 8, 64
    height = top + len(rows) * (bar_height + gap) + 40
    width = label_width + plot_width + 200

    def x(ratio):
        ratio = min(max(ratio, low), high)
        return label_width + plot_width * (math.log10(ratio) - math.log10(low)) / (math.log10(high) - math.log10(low))

    first, _, second = describe(info).partition('; load')
    second = 'load' + second
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             '<text x="10" y="20" font-size="15" font-weight="bold">Authdeck benchmark ratios '
             '(log scale; black tick = goal)</text>',
             f'<text x="10" y="36" font-size="11" fill="#444">{escape(first)}</text>',
             f'<text x="10" y="49" font-size="11" fill="#444">{escape(second)}. Ratio = Authdeck / the peer or '
             'floor of the same run; for an absolute goal, Authdeck / its limit.</text>']
    axis_bottom = top + len(rows) * (bar_height + gap)
    for tick in (0.01, 0.1, 1, 10):
        parts.append(f'<line x1="{x(tick):.1f}" y1="{top - 4}" x2="{x(tick):.1f}" y2="{axis_bottom}" '
                     f'stroke="#ccc"/>')
        parts.append(f'<text x="{x(tick):.1f}" y="{axis_bottom + 14}" text-anchor="middle">{tick:g}</text>')
    for index, row in enumerate(rows):
        y = top + index * (bar_height + gap)
        parts.append(f'<text x="{label_width - 8}" y="{y + 12}" text-anchor="end">{escape(row.figure)}</text>')
        if row.ratio is not None:
            colour = '#2e7d32' if row.met else '#c62828'
            parts.append(f'<rect x="{label_width}" y="{y}" width="{x(row.ratio) - label_width:.1f}" '
                         f'height="{bar_height}" fill="{colour}"/>')
        goal_x = x(row.goal_ratio)
        parts.append(f'<line x1="{goal_x:.1f}" y1="{y - 3}" x2="{goal_x:.1f}" y2="{y + bar_height + 3}" '
                     f'stroke="black" stroke-width="2"/>')
        end = max(x(row.ratio) if row.ratio is not None else label_width, goal_x)
        parts.append(f'<text x="{end + 6:.1f}" y="{y + 12}">{escape(row.ratio_text())} '
                     f'(goal {escape(row.goal_text())})</text>')
    parts.append('</svg>')
    return '\n'.join(parts) + '\n'
