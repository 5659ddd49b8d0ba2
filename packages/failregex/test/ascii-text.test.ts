import { describe, expect, it } from 'vitest';
import { createDateDetector } from '@f2b/date-detector';
import { compileFilter, FilterRegex, type Filter, type FilterDefinition, type LineResult } from '@f2b/failregex';
import { listFilterTrees, listSampledFilters } from './_trees.js';
import { defineFilter, detectIsoDate, NOW } from './_helpers.js';

const NON_ASCII = /[^\u0000-\u007f]/;

function compileWithDates(spec: FilterDefinition): Filter {
  const detector = createDateDetector({ datepattern: spec.datepattern, now: () => NOW });
  return compileFilter(spec, { now: () => NOW, checkAllRegex: true, detectDate: (line) => detector.detect(line) });
}

/** Everything a line's result says, failures included. */
function everything(r: LineResult): unknown {
  return [r.fails, r.failCount, r.nofail, r.pending, r.ignored, r.failregexHits, r.ignoreregexHits, r.prefregexMatched, r.dateTemplate];
}

describe('regexes for ASCII text', () => {
  it('are used only where they answer as the Unicode ones: a non-ASCII line still gets Unicode classes', () => {
    const spec = defineFilter({ failregex: ['^ user (?P<user>\\w+) from <HOST>$'] });
    const filter = compileFilter(spec, { detectDate: detectIsoDate, now: () => NOW });
    const line = '2005-08-14 10:00:00 user jos\u00e9 from 192.0.2.1';
    const [fail] = filter.processLine(line).fails;
    expect(fail?.fields['user']).toBe('jos\u00e9');
    // Told (wrongly) that the line is ASCII, the filter runs the ASCII regex, which stops at the é:
    // the flag is what picks the regex, so a caller must only set it when it holds.
    expect(filter.processLine(line, { ascii: false }).fails[0]?.fields['user']).toBe('jos\u00e9');
    expect(filter.processLine(line, { ascii: true }).fails).toEqual([]);
  });

  it('spell Python\u2019s \\s with U+001C\u2013U+001F, as str.isspace() has them', () => {
    const fr = new FilterRegex('^a\\sb <HOST>$', { file: 't.conf', role: 'failregex', useDns: 'raw' });
    for (const code of [0x09, 0x0d, 0x1c, 0x1f, 0x20]) {
      const text = `a${String.fromCharCode(code)}b 192.0.2.1\n`;
      expect(fr.exec(text, true), `U+${code.toString(16)}`).not.toBeNull();
      expect(fr.exec(text, false)).not.toBeNull();
    }
    expect(fr.exec('a\u0000b 192.0.2.1\n', true)).toBeNull();
  });

  it('answer as the Unicode ones for every ASCII character, class by class', () => {
    const origin = { file: 't.conf', role: 'failregex', useDns: 'raw' } as const;
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
    for (const classEscape of ['\\w', '\\W', '\\d', '\\D', '\\s', '\\S', '[\\w.]', '[^\\s]', '(?i)\\w', '[a\\S]']) {
      const fr = new FilterRegex(classEscape.startsWith('(?i)') ? `(?i)^${classEscape.slice(4)}$` : `^${classEscape}$`, origin);
      for (const c of ascii) expect(fr.exec(c, true) !== null, `${classEscape} on U+${c.charCodeAt(0).toString(16)}`).toBe(fr.exec(c, false) !== null);
    }
    for (const boundary of ['\\b', '\\B']) {
      const fr = new FilterRegex(`^.${boundary}.$`, origin);
      for (const a of ascii) {
        if (a === '\n') continue;
        for (const b of ['a', '_', '0', ' ', '-', '\u001c']) expect(fr.exec(a + b, true) !== null, `${boundary} ${JSON.stringify(a + b)}`).toBe(fr.exec(a + b, false) !== null);
      }
    }
  });

  it('leave `re` the Unicode regex, built once', () => {
    const fr = new FilterRegex('^x (?P<user>\\w+) <HOST>$', { file: 't.conf', role: 'failregex', useDns: 'raw' });
    expect(fr.source).toContain('\\p{L}');
    expect(fr.re.source).toBe(fr.source);
    expect(fr.re).toBe(fr.re);
  });

  for (const tree of listFilterTrees()) {
    it(`give the same answer on every ASCII line of the ${tree.label} tree's sample logs`, () => {
      let compared = 0;
      let nonAscii = 0;
      for (const { name, spec, lines } of listSampledFilters(tree)) {
        const told = compileWithDates(spec);
        const looked = compileWithDates(spec);
        const unicodeOnly = compileWithDates(spec);
        for (const line of lines) {
          const ascii = !NON_ASCII.test(line);
          if (!ascii) nonAscii++;
          const expected = everything(unicodeOnly.processLine(line, { ascii: false }));
          expect(everything(looked.processLine(line)), `${name}: ${line}`).toEqual(expected);
          if (ascii) expect(everything(told.processLine(line, { ascii: true })), `${name}: ${line}`).toEqual(expected);
          else told.processLine(line, { ascii: false });
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(100);
      // Debian's sample logs hold non-ASCII lines too (ours are all ASCII): the filter's own look
      // must then pick the Unicode regexes.
      if (tree.label === 'debian') expect(nonAscii).toBeGreaterThan(0);
    });
  }

  it('every failregex of every tree compiles in both forms', () => {
    for (const tree of listFilterTrees()) {
      for (const { name, spec } of listSampledFilters(tree)) {
        const filter = compileFilter(spec, {});
        for (const fr of [...filter.failregex, ...filter.ignoreregex, ...(filter.prefregex ? [filter.prefregex] : [])]) {
          expect(() => fr.re, `${tree.label} ${name}: ${fr.written}`).not.toThrow();
        }
      }
    }
  });
});
