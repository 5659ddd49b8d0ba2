/** @module cut-line-test: a count-only run rules lines out on the raw line with its mid-line date skipped, and counts as before. */
import { describe, expect, it } from 'vitest';
import { compileFilter, type DetectDate, type FilterDefinition, type LineResult } from '@f2b/failregex';
import { cutCharCode, cutIncludes, cutStartsWith } from '../src/_cut-line.js';
import { defineFilter, NOW } from './_helpers.js';

/** Finds a `2005-08-14 10:00:00` stamp anywhere in the line (UTC), as an access-log date sits after the address. */
const detectMidLineDate: DetectDate = (line) => {
  const m = /(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/.exec(line);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return { time: Date.UTC(y as number, (mo as number) - 1, d, h, mi, s) / 1000, start: m.index, end: m.index + m[0].length, template: 'ISO' };
};

function summarize(r: LineResult): unknown {
  return [r.failCount, r.nofail, r.pending, r.ignored, r.failregexHits, r.ignoreregexHits, r.prefregexMatched, r.dateTemplate, r.truncated];
}

/** Each line's result counted (the cut-line prefilter on) and built in full (off), which must agree; returns each line's failregex hits. */
function hitsBoth(spec: FilterDefinition, lines: readonly string[]): number[] {
  const options = { now: () => NOW, detectDate: detectMidLineDate, checkAllRegex: true, maxLineLength: 60 };
  const full = compileFilter(spec, options);
  const count = compileFilter(spec, { ...options, countOnly: true });
  return lines.map((line) => {
    for (const terminated of [false, true]) {
      const given = terminated ? `${line}\n` : line;
      const a = full.processLine(given, { terminated });
      const b = count.processLine(given, { terminated });
      expect(summarize(b), line).toEqual(summarize(a));
    }
    return count.processLine(line).failregexHits.length;
  });
}

const STAMP = '2005-08-14 10:00:00';

describe('the cut line read in place', () => {
  it('reads characters, prefixes and literals of the line without its date, newline-terminated', () => {
    const line = `ab[${STAMP}]cd`;
    const start = 3;
    const end = 3 + STAMP.length;
    const cut = 'ab[]cd\n';
    for (let i = 0; i <= cut.length; i++) expect(cutCharCode(line, start, end, i)).toBe(cut.charCodeAt(i));
    for (const text of ['', 'a', 'ab[', 'ab[]', 'ab[]cd\n', 'ab[]cd\nx', 'b', 'ab[2']) expect(cutStartsWith(line, start, end, text), text).toBe(cut.startsWith(text));
    for (const text of ['ab[]', '[]c', 'b[]cd', ']cd', 'ab[2', '2005', '[2005', ':00]', 'abc', 'cd']) expect(cutIncludes(line, start, end, text), text).toBe(cut.includes(text));
    // the date at the very start or end: no junction
    expect(cutIncludes(`${STAMP} x y`, 0, STAMP.length, ' x y')).toBe(true);
    expect(cutIncludes(`x y ${STAMP}`, 4, 4 + STAMP.length, 'x y ')).toBe(true);
    expect(cutIncludes(`x y ${STAMP}`, 4, 4 + STAMP.length, 'y 2')).toBe(false);
  });

  it('still matches a required literal that only exists across the cut', () => {
    const spec = defineFilter({ failregex: ['^<HOST> \\[\\] "GET'] });
    expect(hitsBoth(spec, [
      `192.0.2.1 [${STAMP}] "GET /`,
      `192.0.2.1 [${STAMP}]"GET /`,
      `192.0.2.1 [] "GET ${STAMP}`,
      `192.0.2.1 x[${STAMP}] "GET /`,
      `192.0.2.1 [${STAMP}] "POST /`,
    ])).toEqual([1, 0, 1, 0, 0]);
  });

  it('still matches a prefix that runs across the cut and into the appended newline', () => {
    const spec = defineFilter({ failregex: ['^ab\\[\\] <HOST>', '^x\\]\\n(?:<HOST>)?'] });
    expect(hitsBoth(spec, [`ab[${STAMP}] 192.0.2.7`, `ab[${STAMP}]192.0.2.7`, `ab [${STAMP}] 192.0.2.7`, `x]${STAMP}`, `x]${STAMP}192.0.2.7`])).toEqual([1, 0, 0, 1, 0]);
  });

  it('still matches one of many required alternatives that only exists across the cut', () => {
    // (not at the end of the regex: see the next test for those)
    const spec = defineFilter({ failregex: ['^<HOST> (?:x\\[\\]y|aaaa|bbbb|cccc) \\d'] });
    expect(hitsBoth(spec, [
      `192.0.2.1 x[${STAMP}]y 1`,
      `192.0.2.1 aaaa ${STAMP}`,
      `192.0.2.1 x[${STAMP}]z 1`,
      `192.0.2.1 x${STAMP}y 1`,
      `192.0.2.1 ${STAMP} dddd 1`,
      `192.0.2.1 bbbb 1 ${STAMP}`,
    ])).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it('counts as before with the literal only inside the date, after it, and on lines cut to the maximum length', () => {
    const spec = defineFilter({ failregex: ['^<HOST> :00:00 x'] });
    expect(hitsBoth(spec, [
      `192.0.2.3 ${STAMP} x`,
      `192.0.2.3${STAMP} :00:00 x`,
      `192.0.2.3${STAMP} :00:00 x${'y'.repeat(50)}`,
      `192.0.2.3 ${STAMP} :00:00 x`,
    ])).toEqual([0, 1, 1, 0]);
  });

  it('checks alternatives that end every match at the line end, also across the cut and before a final newline', () => {
    const spec = defineFilter({ failregex: ['^<HOST> "(?:aaaa|bb\\.b|(?:x)?cccc|dddd)"$'] });
    expect(hitsBoth(spec, [
      `192.0.2.4 "aaaa" ${STAMP}`,
      `192.0.2.4 ${STAMP} "aaaa"`,
      `192.0.2.4 "aa${STAMP}aa"`,
      `192.0.2.4 "aaaa${STAMP}"`,
      `192.0.2.4 "xcccc"`,
      `192.0.2.4 "bb.b" x ${STAMP}`,
      `192.0.2.4 "xbb.b" ${STAMP}`,
      `192.0.2.4 "dddd"\r ${STAMP}`,
      `192.0.2.4 "eeee" ${STAMP}`,
    ])).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 0]);
  });

  it('checks alternatives followed by \\s* at the line end, whitespace left by the cut included', () => {
    const spec = defineFilter({ failregex: ['^<HOST> \\S+ (?:denied|refused)\\s*$'] });
    expect(hitsBoth(spec, [
      `192.0.2.5 q denied ${STAMP}`,
      `192.0.2.5 q denied ${STAMP}  \t`,
      `192.0.2.5 q refused${STAMP}`,
      `192.0.2.5 q ref${STAMP}used `,
      `192.0.2.5 q denied ${STAMP} x`,
      `192.0.2.5 q${STAMP} denied\u3000`,
      `192.0.2.5 q deni ${STAMP}ed`,
    ])).toEqual([1, 1, 1, 1, 0, 1, 0]);
  });
});
