/** @module _conformance-check: compares one failure with a `# failJSON:` expectation the way samplestestcase does. */
import { normalizeAddress, type Failure } from '@f2b/failregex';
import { formatFailureJson } from './_failure-json.js';

/** Keys of failJSON that are not compared with failure fields (samplestestcase skips the same four). */
const META_KEYS = new Set(['time', 'match', 'desc', 'constraint']);

/**
 * Returns the mismatches (empty when the failure meets the expectation). Every other failJSON key
 * is compared with what `f2b-regex --json` prints for the failure, as samplestestcase compares it
 * with the ticket data: a key the failure lacks is null, except `host` (then the failure id) and
 * `attempts` (then the number of matched lines); lists compare sorted; `time` as local epoch seconds.
 */
export function compareFailure(expected: Readonly<Record<string, unknown>>, f: Failure): string[] {
  const printed = formatFailureJson(f);
  const problems: string[] = [];
  for (const [k, v] of Object.entries(expected)) {
    if (META_KEYS.has(k)) continue;
    let actual = readPrinted(printed, f, k);
    if (actual === null && k === 'host') actual = printed['id'];
    if (actual === null && k === 'attempts') actual = f.matches.length;
    if (k === 'host' && typeof actual === 'string' && typeof v === 'string') {
      if (normalizeAddress(actual) !== normalizeAddress(v)) problems.push(`host ${JSON.stringify(actual)} != ${JSON.stringify(v)}`);
      continue;
    }
    if (Array.isArray(actual) && Array.isArray(v)) {
      const a = [...actual].map(String).sort();
      const b = [...v].map(String).sort();
      if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${k} ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
      continue;
    }
    if (actual !== v) problems.push(`${k} ${JSON.stringify(actual)} != ${JSON.stringify(v)}`);
  }
  const t = expected['time'];
  if (typeof t === 'string') {
    const want = parseLocalTime(t);
    if (want === null) problems.push(`bad time ${JSON.stringify(t)} in failJSON`);
    else if (Math.abs(want - f.time) > 1e-6) {
      problems.push(`time ${f.time} (${new Date(f.time * 1000).toISOString()}) != ${want} (${t} local)`);
    }
  }
  return problems;
}

/**
 * The value of ticket-data key `key` in the printed failure. The printed `host` is the captured
 * address whatever group held it; Fail2Ban's ticket has a `host` key only for a regex's own
 * `(?P<host>…)` group, so only that one is read. `fport` is printed as `port`.
 */
function readPrinted(printed: Readonly<Record<string, unknown>>, f: Failure, key: string): unknown {
  if (key === 'host') return 'host' in f.fields ? (printed['host'] ?? null) : null;
  if (key === 'id') return null;
  return printed[key === 'fport' ? 'port' : key] ?? null;
}

/** `2005-01-02T03:04:05[.ffffff]` (strptime also takes one-digit fields) in the local zone (TZ) as epoch seconds, like time.mktime. */
export function parseLocalTime(text: string): number | null {
  const m = /^(\d{4})-(\d\d?)-(\d\d?)T(\d\d?):(\d\d?):(\d\d?)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const base = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).getTime() / 1000;
  return frac === undefined ? base : base + Number(`0.${frac}`);
}
