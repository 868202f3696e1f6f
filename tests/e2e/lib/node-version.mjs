// Checks the running Node.js against the "engines.node" ranges of the packages the e2e runner uses, as
// recorded in package-lock.json, so an old Node fails with one plain sentence naming the tool
// ("puppeteer-core 24.43.1 needs Node >=18; this is Node 16.20.2") instead of a syntax error deep inside it.
// Written in syntax old Node versions still parse (no top-level await).
import { readFileSync } from 'node:fs';

function parse(text) {
  const m = /^v?(\d+|x|X|\*)(?:\.(\d+|x|X|\*))?(?:\.(\d+|x|X|\*))?(?:[-+].*)?$/.exec(text.trim());
  if (!m) return null;
  const num = (s) => (s === undefined || /^[xX*]$/.test(s) ? null : Number(s));
  return { major: num(m[1]), minor: num(m[2]), patch: num(m[3]) };
}

function compare(a, b) {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

// One comparator such as ">=18", "^20.19.0", "~1.2", "18.x", "<22" -> [lowInclusive, highExclusive] bounds.
function bounds(comparator) {
  const m = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(comparator);
  const op = m[1] || '=';
  const v = parse(m[2]);
  if (!v) return undefined;
  if (v.major === null) return { low: null, high: null };
  const full = [v.major, v.minor ?? 0, v.patch ?? 0];
  // The first version above the given (possibly partial) one: 18 -> 19.0.0, 18.2 -> 18.3.0, 18.2.1 -> 18.2.2.
  const next = v.minor === null ? [v.major + 1, 0, 0] : v.patch === null ? [v.major, v.minor + 1, 0] : [v.major, v.minor, v.patch + 1];
  switch (op) {
    case '>=': return { low: full, high: null };
    case '>': return { low: next, high: null };
    case '<': return { low: null, high: full };
    case '<=': return { low: null, high: next };
    case '^':
      if (v.major > 0 || v.minor === null) return { low: full, high: [v.major + 1, 0, 0] };
      if (v.minor > 0 || v.patch === null) return { low: full, high: [0, v.minor + 1, 0] };
      return { low: full, high: [0, 0, v.patch + 1] };
    case '~': return { low: full, high: v.minor === null ? [v.major + 1, 0, 0] : [v.major, v.minor + 1, 0] };
    default: return { low: full, high: next };
  }
}

/** True or false when the range is understood, null when it is not (such a range is not enforced). */
export function satisfies(version, range) {
  const have = parse(version);
  if (!have || have.major === null) return null;
  const v = [have.major, have.minor ?? 0, have.patch ?? 0];
  let understood = false;
  for (const alternative of range.split('||')) {
    let text = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1');
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    if (hyphen) text = `>=${hyphen[1]} <=${hyphen[2]}`;
    const parts = text === '' ? ['*'] : text.split(/\s+/);
    let ok = true;
    let known = true;
    for (const part of parts) {
      const b = bounds(part);
      if (b === undefined) {
        known = false;
        break;
      }
      if ((b.low && compare(v, b.low) < 0) || (b.high && compare(v, b.high) >= 0)) ok = false;
    }
    if (!known) continue;
    understood = true;
    if (ok) return true;
  }
  return understood ? false : null;
}

/**
 * Returns one message per package (from `names`, plus the suite itself) whose engines.node range the given
 * Node version does not satisfy, read from the lockfile at lockPath.
 */
export function unmetEngines(lockPath, names, nodeVersion) {
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const packages = lock.packages || {};
  const problems = [];
  const entries = [['', 'the e2e suite (tests/e2e/package.json)']].concat(names.map((n) => [`node_modules/${n}`, n]));
  for (const [key, label] of entries) {
    const entry = packages[key];
    const range = entry && entry.engines && entry.engines.node;
    if (!range) continue;
    if (satisfies(nodeVersion, range) === false) {
      const name = entry.version && key ? `${label} ${entry.version}` : label;
      problems.push(`${name} needs Node ${range}; this is Node ${nodeVersion}`);
    }
  }
  return problems;
}
