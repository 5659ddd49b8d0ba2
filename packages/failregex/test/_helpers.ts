/** @module _helpers: builds small filters inline for tests. */
import type { DetectDate, FilterDefinition } from '@f2b/failregex';

/** A filter definition with defaults; tests override what they exercise. */
export function defineFilter(parts: Partial<FilterDefinition> & { failregex: string[] }): FilterDefinition {
  return {
    name: 'test', file: 'filter.d/test.conf', ignoreregex: [], prefregex: null, maxlines: 1, datepattern: null,
    ...parts,
  };
}

/** Finds a leading `2005-08-14 12:00:00` stamp (UTC) and reports it as the date. */
export const detectIsoDate: DetectDate = (line) => {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/.exec(line);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return { time: Date.UTC(y as number, (mo as number) - 1, d, h, mi, s) / 1000, start: 0, end: m[0].length, template: 'ISO' };
};

export const NOW = 1124013600;
