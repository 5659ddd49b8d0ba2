import { describe, expect, it } from 'vitest';
import { compilePythonRegex, RegexTranslationError } from '@f2b/failregex';
import { pythonAvailable, searchWithPython } from './_python.js';
import { translatePythonPattern } from '../src/_pyre-translate.js';

const origin = { file: 'filter.d/test.conf', role: 'failregex' };

/** Pattern / subject pairs whose Python and JavaScript results must be identical. */
const CASES: { pattern: string; subject: string; multiline?: boolean }[] = [
  { pattern: '^(?P<user>\\w+) from (?P<host>\\S+)$', subject: 'root from 192.0.2.1\n' },
  { pattern: '(?P<a>ab)c(?P=a)', subject: 'xxabcab' },
  { pattern: '(?i)^failed for (?P<u>\\S+)', subject: 'FAILED for Bob' },
  { pattern: '^SASL ((?i)LOGIN|PLAIN) failed', subject: 'SASL login failed' },
  { pattern: '^SASL ((?i)LOGIN|PLAIN) failed', subject: 'SASL PLAIN failed' },
  { pattern: '^a(?:(?i)B)c$', subject: 'abc' },
  { pattern: '^a(?:(?i)B)c$', subject: 'aBC' },
  { pattern: '(?s)a.b', subject: 'a\nb' },
  { pattern: 'a.b', subject: 'a\nb' },
  { pattern: 'a.b', subject: 'a\rb' },
  { pattern: '(?x) ^ a \\  b  # comment\n c', subject: 'a bc' },
  { pattern: '\\Aab\\Z', subject: 'ab' },
  { pattern: '\\Aab\\Z', subject: 'ab\n' },
  { pattern: 'ab$', subject: 'ab\n' },
  { pattern: 'ab$', subject: 'ab\nx' },
  { pattern: '^x$', subject: 'a\nx\nb', multiline: true },
  { pattern: 'a{2}b{,2}c{1,}d{}e{x', subject: 'aabbcccd{}e{x' },
  { pattern: '^\\w+\\s\\d+', subject: 'Zürich\u00a0٣٤' },
  { pattern: '^\\s+x', subject: '\u001cx' },
  { pattern: '^\\s+x', subject: '\ufeffx' },
  { pattern: '\\bcat\\b', subject: 'écat' },
  { pattern: '\\bcat\\b', subject: 'a cat!' },
  { pattern: '\\Bcat', subject: 'écat' },
  { pattern: '[]a]+', subject: 'x]a]' },
  { pattern: '[^]a]+', subject: ']]bc' },
  { pattern: '[\\w.-]+@', subject: 'ab.c-d@' },
  { pattern: '[^\\s\\]]+', subject: ' ab]c' },
  { pattern: '[\\S]+', subject: '  abc ' },
  { pattern: '[a\\S]+', subject: ' b c' },
  { pattern: '[^a\\S]+', subject: 'a  a' },
  { pattern: '\\x41\\u00e9\\101\\t', subject: 'Aé\u0041\t' },
  { pattern: '\\-\\:\\\'\\"\\#\\ ', subject: '-:\'"# ' },
  { pattern: '(a)?(?(1)b|c)', subject: 'ab' },
  { pattern: '(a)?(?(1)b|c)', subject: 'c' },
  { pattern: '(a)?(?(1)b|c)', subject: 'ac' },
  { pattern: '^(?P<inv>invalid )?(?P<u>\\S+)(?(inv) x| y)$', subject: 'invalid bob x' },
  { pattern: '^(?P<inv>invalid )?(?P<u>\\S+)(?(inv) x| y)$', subject: 'bob y' },
  { pattern: '^(?P<inv>invalid )?(?P<u>\\S+)(?(inv) x| y)$', subject: 'bob x' },
  { pattern: '^for (?P<cu>\\S+)|x(?(cu): |$)', subject: 'for bob: ' },
  // A group that matched empty right before the test still counts as taking part.
  { pattern: '(?P<g>x*)(?(g)a|b)', subject: 'a' },
  { pattern: '(?P<g>x*)(?(g)a|b)', subject: 'b' },
  { pattern: '(?P<g>)?(?(g)a|b)', subject: 'a' },
  { pattern: '(?:(?P<g>)|z)(?(g)a|b)', subject: 'za' },
  { pattern: '(?:(?P<g>)|z)(?(g)a|b)', subject: 'zb' },
  { pattern: '^(?P<g>a)?(?(g)b|c)', subject: 'c' },
  // The group tested has alternatives: taking any of them counts.
  { pattern: '(?P<g>a|b)(?(g)x|y)', subject: 'bx' },
  { pattern: '(?P<g>a|b)(?(g)x|y)', subject: 'by' },
  { pattern: '(?P<g>a|b)?(?(g)x|y)', subject: 'cy' },
  { pattern: '(a|b)(?(1)x|y)', subject: 'bx' },
  // An optional group that matched empty took part (JavaScript's `?` would drop it).
  { pattern: '^(?P<x>a*)?b', subject: 'b' },
  { pattern: '^(?P<x>a)??(?P<y>a)', subject: 'aa' },
  { pattern: '^(?P<x>a)??b', subject: 'ab' },
  { pattern: '^(?:(?P<x>\\d*)x)?y', subject: 'xy' },
  { pattern: 'a(?:b*?)?', subject: 'abb' },
  { pattern: 'a(?:b*?|c)??d', subject: 'acd' },
  { pattern: 'a(?#comment)b', subject: 'ab' },
  { pattern: '(a)(b)\\2\\1', subject: 'abba' },
  { pattern: '(?<=ab)c(?!d)', subject: 'abce' },
  { pattern: '^(?:a|b)*?c', subject: 'ababc' },
  { pattern: '[\\d-]+', subject: '12-3' },
  { pattern: 'a|', subject: 'b' },
  { pattern: '\u00e9+', subject: 'éé' },
  { pattern: '(?i)\u00c9', subject: 'é' },
  // Unnamed groups nothing refers to do not capture in JavaScript; the named ones after them keep their values.
  { pattern: '^(a|b)+(?P<x>c)(d)?(?P<y>e)$', subject: 'abcde' },
  { pattern: '^(a|b)+(?P<x>c)(d)?(?P<y>e)$', subject: 'abce' },
  { pattern: '^(foo)?(?P<n>bar)(x|)(?P<m>\\d*)', subject: 'bar42' },
  { pattern: '^(?:(x)(?P<n>\\d))+$', subject: 'x1x2' },
  { pattern: '^((?P<n>\\d)x)+$', subject: '1x2x' },
];

if (!pythonAvailable) console.log('differential regex cases skipped: python3 is not installed');

describe('translatePythonPattern', () => {
  it('makes unnamed groups non-capturing unless a number may refer to them or a repeat of named groups needs them', () => {
    const plain = translatePythonPattern('^(a|b)(?P<x>c)(d)?(?P<y>e)', false, true);
    // (numbered: the named groups are the only plain `(` left)
    expect(plain.source.match(/(?<!\\)\((?!\?)/g)).toHaveLength(2);
    expect(plain.groupNames).toEqual(['x', 'y']);
    expect(plain.groupIndexes).toEqual([1, 2]);
    expect(plain.groupCount).toBe(2);
    // a back-reference by number, a conditional by number: every group keeps its number
    expect(translatePythonPattern('(a)(?P<x>b)\\1', false, true).groupIndexes).toEqual([2]);
    expect(translatePythonPattern('(a)?(?P<x>b)(?(1)c|d)', false, true).groupIndexes[0]).toBeGreaterThan(1);
    // a repeat holding a named group (the second pass, for LoopGroupReader): unnamed groups capture again
    expect(translatePythonPattern('^((?P<n>\\d)x)+$', false, true).groupCount).toBeGreaterThan(2);
  });

  it('keeps unnamed groups for compilePythonRegex, whose callers may read them by number', () => {
    expect(compilePythonRegex('^(a|b)(?P<x>c)(d)?', origin).exec('bcd')?.slice(1)).toEqual(['b', 'c', 'd']);
  });
});

describe('compilePythonRegex', () => {
  it.runIf(pythonAvailable)('matches exactly what Python re matches, span and groups', () => {
    const expected = searchWithPython(CASES);
    CASES.forEach((c, i) => {
      const re = compilePythonRegex(c.pattern, { ...origin, multiline: c.multiline ?? false });
      const m = re.exec(c.subject);
      const ours = m === null ? null : {
        span: [m.index, m.index + m[0].length],
        groups: Object.fromEntries(Object.entries(m.groups ?? {}).filter(([k]) => !k.startsWith('f2bc_')).map(([k, v]) => [k, v ?? null])),
      };
      expect(ours, `case ${i}: ${c.pattern} on ${JSON.stringify(c.subject)}`).toEqual(expected[i]);
    });
  });

  it.each([
    ['(?>atomic)', "unsupported group construct '(?>a'"],
    ['a*+', 'possessive quantifiers are not supported'],
    ['(?L)x', 'the locale flag (?L) has no JavaScript equivalent'],
    ['x(?i)y', 'global flags not at the start of the expression'],
    ['\\q', 'bad escape \\q'],
    ['(a)?(?(1)b|c|d)', 'conditional group with more than two branches'],
    ['(?(x)a|b)', "conditional group refers to unknown or later group 'x'"],
    ['(?P<a>x)(?P<a>y)', "redefinition of group name 'a'"],
    ['(?P=nope)', "unknown group name 'nope' in (?P=nope)"],
    ['(ab', 'missing ), unterminated subpattern'],
    ['ab)', 'unbalanced parenthesis'],
    ['[ab', 'unterminated character set'],
    ['[z-a]', 'bad character range'],
    ['\\2(a)', 'invalid group reference 2'],
    ['(?(1)a)(b)', "conditional group refers to unknown or later group '1'"],
  ])('rejects %s at load time with a message naming the file and regex', (pattern, reason) => {
    let err: unknown;
    try {
      compilePythonRegex(pattern, origin);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RegexTranslationError);
    expect((err as RegexTranslationError).code).toBe('E_REGEX');
    expect((err as Error).message).toBe(`filter.d/test.conf: failregex ${JSON.stringify(pattern)}: ${reason}`);
  });
});
