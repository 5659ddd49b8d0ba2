/** @module _conformance-check: compares one failure with a `# failJSON:` expectation the way samplestestcase does. */
import { normalizeAddress, type Failure } from '@f2b/failregex';

/** Keys of failJSON that are not compared with failure fields. */
const META_KEYS = new Set(['time', 'match', 'desc', 'constraint']);

/** Returns the mismatches (empty when the failure meets the expectation). */
export function compareFailure(expected: Readonly<Record<string, unknown>>, f: Failure): string[] {
  const problems: string[] = [];
  for (const [k, v] of Object.entries(expected)) {
    if (META_KEYS.has(k)) continue;
    let actual: unknown = k in f.fields ? f.fields[k] : null;
    if (actual === null && k === 'host') actual = f.id;
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

/** `2005-01-02T03:04:05[.ffffff]` (strptime also takes one-digit fields) in the local zone (TZ) as epoch seconds, like time.mktime. */
export function parseLocalTime(text: string): number | null {
  const m = /^(\d{4})-(\d\d?)-(\d\d?)T(\d\d?):(\d\d?):(\d\d?)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const base = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).getTime() / 1000;
  return frac === undefined ? base : base + Number(`0.${frac}`);
}
