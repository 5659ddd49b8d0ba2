import { describe, expect, it } from 'vitest';
import { compileFilter, FilterRegex } from '@f2b/failregex';
import { pythonAvailable, searchWithPython } from './_python.js';
import { defineFilter, NOW } from './_helpers.js';

const origin = { file: 'filter.d/test.conf', role: 'failregex', useDns: 'raw' as const };

/** Named groups inside repeats: JavaScript clears them at every repetition, Python keeps the last value. */
const CASES: { pattern: string; subject: string }[] = [
  // As in Debian's courier-auth: the user comes before other fields in a repeated list.
  { pattern: '^(?:(?!ip=)(?:user=(?P<user>[^,]*)|\\w+=[^,]*), )*ip=(?P<ip>\\S+)', subject: 'user=bob, method=PLAIN, ip=192.0.2.1' },
  // As in Debian's grafana: alternatives taken in turn, each setting its own group.
  { pattern: '^x(?: u=(?:"(?P<alt_user>[^"]+)"|(?P<user>\\S+))| e="(?P<e>[^"]+)"| \\S+=\\S*)* end$', subject: 'x u=ann e="bad" k=v end' },
  { pattern: '^(?:(?P<a>a)|(?P<b>b))*(?P<c>c)?$', subject: 'abab' },
  { pattern: '^(?:(?P<a>\\w)\\d)*z', subject: 'a1b2c3z' },
  { pattern: '^(?:(?P<a>a)|b)+?c', subject: 'abbc' },
  { pattern: '^(?:(?P<a>a)|b){2,}$', subject: 'abb' },
  { pattern: '^(?:(?P<a>a)|b){0,3}$', subject: 'abb' },
  { pattern: '^(?:(?P<a>a)|b){1,2}b$', subject: 'abb' },
  { pattern: '(?P<x>a|b)*c', subject: 'abc' },
  // Python also keeps the captures of a last repetition that matched empty.
  { pattern: '(?P<x>a*)*b', subject: 'b' },
  { pattern: '(?P<x>a*)*b', subject: 'aab' },
  { pattern: '(?P<x>a|)*b', subject: 'aab' },
  { pattern: '(?:(?P<x>a)|)*b', subject: 'aab' },
  { pattern: '(?P<x>a?)+b', subject: 'aab' },
  { pattern: '(?P<x>a*){0,2}b', subject: 'b' },
  { pattern: '(?:x(?P<y>\\d*))*$', subject: 'x1x' },
  { pattern: '^(?:(?P<k>\\w+)=(?P<v>\\w*);)*$', subject: 'a=1;b=;c=3;' },
  { pattern: '^(?:(?P<k>\\w)|-)*\\.$', subject: 'ab--.' },
  // The first repetition the body offers cannot be completed: the split needs the look-ahead.
  { pattern: '^(?:(?P<x>ab|a)(?P<z>bc)?)*$', subject: 'abc' },
  { pattern: '^(?:(?P<x>ab|a)(?P<z>bc)?){1,2}$', subject: 'abcab' },
  // A repeated conditional is left to JavaScript (its marker lives outside the body).
  { pattern: '(?P<g1>.a)(?(g1)(?P<g3>\\d*\\d|.)|\\d*?a)*a', subject: 'xa1ba' },
  // A lazy repeat takes no extra empty repetition at its end.
  { pattern: '^(?P<g1>a*)*?b', subject: 'b' },
  // `\\b` in the extra empty repetition sees the text after the repeats.
  { pattern: '(?P<g1>\\b)*a', subject: 'aa' },
];

describe('named groups inside repeats', () => {
  it.runIf(pythonAvailable)('read as Python reads them, on the ASCII and the Unicode regex', () => {
    const expected = searchWithPython(CASES);
    CASES.forEach((c, i) => {
      const fr = new FilterRegex(c.pattern, origin);
      for (const ascii of [false, true]) {
        const m = fr.exec(c.subject, ascii);
        const hit = fr.search(c.subject, [], null, ascii);
        const ours = m === null || hit === null ? null : { span: [m.index, m.index + m[0].length], groups: hit.groups };
        expect(ours, `case ${i}: ${c.pattern} on ${JSON.stringify(c.subject)} (${ascii ? 'ascii' : 'unicode'})`).toEqual(expected[i]);
      }
    });
  });

  it('reach the failure: a user listed before other fields is reported', () => {
    const spec = defineFilter({ failregex: ['^ LOGIN FAILED, (?:(?!ip=)(?:user=<F-USER>[^,]*</F-USER>|\\w+=[^,]*), )*ip=\\[<HOST>\\]$'] });
    const filter = compileFilter(spec, { detectDate: null, now: () => NOW });
    const [fail] = filter.processLine(' LOGIN FAILED, user=carol, method=PLAIN, ip=[192.0.2.7]').fails;
    expect(fail?.id).toBe('192.0.2.7');
    expect(fail?.fields['user']).toBe('carol');
  });

  it('fall back to JavaScript\u2019s values only for a long repeat made to defeat the greedy walk', () => {
    // ` a="b c"` first matches as `a="b` (the `\\S*` choice), which the next repetition cannot follow.
    const fr = new FilterRegex('^x(?: u=(?P<user>\\S+)| \\S+=(?:\\S*|"[^"]+"))* end$', origin);
    const line = (n: number): string => `x u=ann${' a="b c"'.repeat(n)} end\n`;
    expect(fr.search(line(10), [], null, true)?.groups['user']).toBe('ann');
    expect(fr.search(line(400), [], null, true)?.groups['user']).toBeNull();
  });

  it('leave repeats without named groups, and back-references in repeats, as they were', () => {
    expect(new FilterRegex('^(?:a|b)*c', origin).loops).toEqual([]);
    expect(new FilterRegex('^(?:(?P<a>a)(?P=a))*c', origin).loops).toEqual([]);
    expect(new FilterRegex('^(?:x(?P<a>a))*c', origin).loops).toHaveLength(1);
  });
});
