import { describe, expect, it } from 'vitest';
import { compileFilter, FilterRegex } from '@f2b/failregex';
import { defineFilter, NOW } from './_helpers.js';

const origin = { file: 'filter.d/test.conf', role: 'failregex', useDns: 'raw' as const };

function listFirstChars(pattern: string): string | null {
  const table = new FilterRegex(pattern, origin).firstChars;
  if (table === null) return null;
  let out = '';
  for (let c = 0; c < 128; c++) if (table[c] === 1) out += String.fromCharCode(c);
  return out;
}

describe('FilterRegex.firstChars', () => {
  it.each([
    ['^Failed for x', 'F'],
    ['^[aA]uth', 'Aa'],
    ['^[iI](?:llegal|nvalid) user', 'Ii'],
    ['^(Connection (?:closed|reset)|Disconnected) by', 'CD'],
    ['^(?P<user>root|admin)+ x', 'ar'],
    ['^[a-d]x', 'abcd'],
    ['^\\.x|', null],
    ['^\\.x', '.'],
    ['^[\\-a]b', '-a'],
    ['^a{1,3}b', 'a'],
    ['^a{0,3}b', null],
    ['^a?b', null],
    ['^a*b', null],
    ['^(?:a|)b', null],
    ['^(?:a|b)?c', null],
    ['^(?=a)a', null],
    ['^[^a]b', null],
    ['^\\sx', null],
    ['^.x', null],
    ['a^b', null],
    ['x', null],
    ['^a|b', null],
    ['(?i)^abc', null],
    ['^(?i:a)bc', 'Aa'],
    ['^éx', null],
    ['^[a-z]x', 'abcdefghijklmnopqrstuvwxyz'],
    ['^[!-~]x', null],
    ['^(?:\\[|<)x', '<['],
  ])('lists the first characters of %j as %j', (pattern, expected) => {
    expect(listFirstChars(pattern)).toBe(expected);
  });

  it('never leaves out the first character of a match (exhaustive over short strings)', () => {
    const patterns = [
      '^(?:a|b?)c', '^[a-c]+x', '^(?:ab|(?:c|d)e)', '^a*b', '^(?:a{0,2}|b)c', '^(a)?b', '^(?P<x>a|)b',
      '^[\\-a]b', '^(?:(?:a|b)|(?:c|\\.))+', '^(?:a(?:b|c)?|d)', '^[.-]x?', '^(?:-|\\.)(?:a|)', '^a{1,2}?b',
      '^(?P<q>a)?(?(q)b|c)', '^(?:x|(?P<z>a)+)(?P=z)?', '^a+|b', '^(?:)?a', '^[abc]{2}x*',
    ];
    const alphabet = ['a', 'b', 'c', 'd', 'x', '.', '-', 'e'];
    const subjects: string[] = [''];
    for (let len = 1, from = 0; len <= 4; len++) {
      const to = subjects.length;
      for (let k = from; k < to; k++) for (const ch of alphabet) subjects.push(`${subjects[k] as string}${ch}`);
      from = to;
    }
    let checked = 0;
    for (const pattern of patterns) {
      const fr = new FilterRegex(pattern, origin);
      if (fr.firstChars === null) continue;
      for (const s of subjects) {
        const buf = `${s}\n`;
        if (fr.re.exec(buf) === null) continue;
        checked++;
        expect(fr.firstChars[buf.charCodeAt(0)], `${pattern} matches ${JSON.stringify(buf)}`).toBe(1);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('FilterRegex groups (numbered captures)', () => {
  it('reads named groups, back-references and conditionals like the named translation', () => {
    const cond = new FilterRegex('^(?P<q>")?(?P<user>\\w+)(?(q)")$', origin);
    expect(cond.search('"bob"\n', [['', '', '"bob"']])?.groups).toEqual({ q: '"', user: 'bob' });
    expect(cond.search('bob\n', [['', '', 'bob']])?.groups).toEqual({ q: null, user: 'bob' });
    expect(cond.search('"bob\n', [['', '', '"bob']])).toBeNull();
    const backref = new FilterRegex('^(?P<a>ab)c(?P=a)1(x)\\2', origin);
    expect(backref.search('abcab1xx\n', [['', '', 'abcab1xx']])?.groups).toEqual({ a: 'ab' });
    expect(backref.search('abcab1x\n', [['', '', 'abcab1x']])).toBeNull();
  });
});

describe('a filter skipping failregexes by the first character', () => {
  it('runs exactly the regexes that can match: known first characters, unknown ones, non-ASCII and empty text', () => {
    const spec = defineFilter({ failregex: ['^x1 <HOST>$', '^y1 <HOST>$', '^(?:x|\u00e9)2 <HOST>$', '^y2 <HOST>$', '^(?:y1|z) <HOST>$'] });
    const filter = compileFilter(spec, { detectDate: null, now: () => NOW, checkAllRegex: true });
    const hits = (line: string): readonly number[] => filter.processLine(line).failregexHits;
    expect(hits('x1 192.0.2.1')).toEqual([0]);
    expect(hits('y1 192.0.2.1')).toEqual([1, 4]);
    expect(hits('x2 192.0.2.1')).toEqual([2]);
    expect(hits('\u00e92 192.0.2.1')).toEqual([2]);
    expect(hits('y2 192.0.2.1')).toEqual([3]);
    expect(hits('z 192.0.2.1')).toEqual([4]);
    expect(hits('')).toEqual([]);
  });
});
