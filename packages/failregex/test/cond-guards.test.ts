import { describe, expect, it } from 'vitest';
import { compilePythonRegex } from '@f2b/failregex';
import { pythonAvailable, searchWithPython } from './_python.js';

const origin = { file: 'filter.d/test.conf', role: 'failregex' };
const GUARD = /\(\?=\[\\s\\S\]\*\?([^)]*)\)/g;

/** The texts the translation of `pattern` looks ahead for (see findConditionalGuards). */
function guardsOf(pattern: string): string[] {
  return [...compilePythonRegex(pattern, origin).source.matchAll(GUARD)].map((m) => m[1] as string);
}

/** What JavaScript finds, shaped like Python's answer (helper groups left out). */
function searchWithJs(pattern: string, subject: string): unknown {
  const m = compilePythonRegex(pattern, origin).exec(subject);
  if (m === null) return null;
  const groups = Object.entries(m.groups ?? {}).filter(([k]) => !k.startsWith('f2bc_')).map(([k, v]) => [k, v ?? null]);
  return { span: [m.index, m.index + m[0].length], groups: Object.fromEntries(groups) };
}

// Shaped like Debian's sshd failregex: the user alternative that sets cond_user needs `: ` at the end.
const SSHD_LIKE = '^Failed \\S+ for (?P<cond_inv>invalid user )?(?P<user>(?P<cond_user>\\S+)|(?(cond_inv)(?:(?! from ).)*?|[^:]+)) from (?P<ip>[\\d.]+)(?: port \\d+)?(?: ssh\\d*)?(?(cond_user): |(?:(?! from ).)*)$';

/** Patterns whose conditional is always reached once its group took part: the group gets a look-ahead. */
const GUARDED: { pattern: string; guards: string[]; subjects: string[] }[] = [
  {
    pattern: SSHD_LIKE,
    guards: [': '],
    subjects: [
      'Failed password for root from 192.0.2.1 port 22 ssh2\n',
      'Failed password for root from 192.0.2.1 port 22 ssh2: RSA SHA256:abc\n',
      'Failed password for invalid user bob from 192.0.2.1 port 22 ssh2\n',
      'Failed password for invalid user a b c from 192.0.2.1 port 22 ssh2\n',
      'Failed none for : from 192.0.2.1 port 22 ssh2\n',
      'Failed password for root: from 192.0.2.1\n',
    ],
  },
  // The group inside an alternative of an outer group: taking it in still leads to the conditional.
  { pattern: '^(?:(?P<g>a+)|b)c(?(g)xy|z)$', guards: ['xy'], subjects: ['aacxy', 'aacz', 'bcz', 'bcxy', 'xyaac'] },
  { pattern: '(?P<g>a)?q|(?P<h>b)c(?(h)d|e)', guards: ['d'], subjects: ['bcd', 'bce', 'aq', 'q'] },
  // A group with alternatives: the look-ahead stands before each of them.
  { pattern: '(?P<g>a|b)c(?(g)x|y)', guards: ['x'], subjects: ['bcx', 'bcy', 'acx', 'cy'] },
  // Under (?i) for the whole pattern the look-ahead ignores case too.
  { pattern: '(?i)^(?P<g>a)(?(g)x|y)', guards: ['x'], subjects: ['aX', 'Ax', 'ay'] },
];

/** Patterns where a look-ahead would be wrong (the conditional may be skipped, or stand before the group). */
const UNGUARDED: { pattern: string; subjects: string[] }[] = [
  { pattern: '^(?:(?P<g>a)|b)(?:(?(g)x|y)|z)$', subjects: ['az', 'ax', 'by', 'bz'] },
  { pattern: '^(?P<g>a)(?:(?(g)x|y)q)?z$', subjects: ['az', 'axqz'] },
  { pattern: '^(?P<g>a)(?:q|(?(g)x|y))$', subjects: ['aq', 'ax'] },
  // the conditional itself optional or repeated (found by fuzzing against Python)
  { pattern: '(?P<g>x)(?(g)a|b)?', subjects: ['x', 'xa', 'xb'] },
  { pattern: '(?P<g>x)(?(g)a|b)*$', subjects: ['x', 'xaa', 'xb'] },
  { pattern: '^(?=\\w\\w(?P<g>a))(?(g)x|y)', subjects: ['xza', 'yzb'] },
  { pattern: '^(?:(?P<g>a)b)*(?(g)x|y)', subjects: ['ababx', 'y', 'aby'] },
  { pattern: '^(?P<g>a)?(?(g)x|y)', subjects: ['ax', 'y'] },
  { pattern: '^(?P<g>a)(?i:(?(g)x|y))', subjects: ['aX', 'ax', 'y'] },
  { pattern: '^(?P<h>h)?(?P<g>a)(?(h)(?(g)x|y)|z)', subjects: ['az', 'hax'] },
  // (a condition inside its own group: Python sees the group as not matched yet; see the README)
  { pattern: '^(?P<g>a(?(g)x|y))z', subjects: [] },
  { pattern: '^(?P<g>a)b|c(?(g)x|y)', subjects: ['ab', 'cy'] },
];

describe('conditional look-aheads', () => {
  it.each(GUARDED)('guard $pattern', ({ pattern, guards }) => {
    expect(guardsOf(pattern)).toEqual(guards);
  });

  it.each(UNGUARDED)('leave $pattern alone', ({ pattern }) => {
    expect(guardsOf(pattern)).toEqual([]);
  });

  it.runIf(pythonAvailable)('change no match: span and groups as Python re finds them', () => {
    const cases = [...GUARDED, ...UNGUARDED].flatMap(({ pattern, subjects }) => subjects.map((subject) => ({ pattern, subject })));
    const expected = searchWithPython(cases);
    cases.forEach(({ pattern, subject }, i) => {
      expect(searchWithJs(pattern, subject), `${pattern} on ${JSON.stringify(subject)}`).toEqual(expected[i]);
    });
    // the cases test something: some match, some do not, in both lists
    expect(expected.filter((m) => m === null).length).toBeGreaterThan(3);
    expect(expected.filter((m) => m !== null).length).toBeGreaterThan(10);
  });
});
