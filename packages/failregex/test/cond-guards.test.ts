import { describe, expect, it } from 'vitest';
import { compilePythonRegex } from '@f2b/failregex';
import { pythonAvailable, searchWithPython } from './_python.js';
import { translatePythonPattern } from '../src/_pyre-translate.js';

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

/** mulberry32: a small seeded generator, so a failure names a reproducible pattern. */
function seeded(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Random patterns with groups, alternatives, repeats, look-arounds and conditionals whose `yes` starts with text. */
function randomPatterns(count: number, random: (n: number) => number): string[] {
  const pick = <T>(list: readonly T[]): T => list[random(list.length)] as T;
  const out: string[] = [];
  while (out.length < count) {
    let groups = 0;
    const atom = (depth: number): string => {
      switch (random(depth > 2 ? 6 : 12)) {
        case 0: case 1: case 4: case 5: return pick(['a', 'b', 'ab', ': ', 'x']);
        case 2: return pick(['[ab]', '\\w', '\\S+', '\\s', '.', '[^a]', '.*?', '.*']);
        case 3: return pick(['^', '$', '\\b']);
        case 6: groups++; return `(?P<g${groups}>${sequence(depth + 1)})`;
        case 7: return `(?:${sequence(depth + 1)}|${sequence(depth + 1)})`;
        case 8: return `${pick(['(?=', '(?!', '(?:', '('])}${sequence(depth + 1)})`;
        case 9: case 10: return groups === 0 ? 'a' : `(?(g${1 + random(groups)})${pick(['a', 'b', ': ', 'ab', 'x'])}${sequence(depth + 1)}|${sequence(depth + 1)})`;
        default: groups++; return `(?P<g${groups}>${sequence(depth + 1)}|${sequence(depth + 1)})`;
      }
    };
    const repeat = (text: string): string => (['^', '$', '\\b'].includes(text) ? text : text + pick(['', '', '', '', '?', '*', '+', '{0,2}', '*?']));
    const sequence = (depth: number): string => { let s = ''; for (let n = 1 + random(3); n > 0; n--) s += repeat(atom(depth)); return s; };
    const pattern = sequence(0);
    try {
      const on = translatePythonPattern(pattern, false, true);
      const off = translatePythonPattern(pattern, false, true, false);
      new RegExp(on.source, 'u');
      if (on.source !== off.source) out.push(pattern);
    } catch {
      // (a pattern rejected, e.g. a condition on a later group or `*?*?`: not this test's subject)
    }
  }
  return out;
}

describe('conditional look-aheads on random patterns', () => {
  it.runIf(pythonAvailable)('change a match only where the translation without them disagrees with Python', () => {
    const random = seeded(20261122);
    const patterns = randomPatterns(60, random);
    const cases: { pattern: string; subject: string; guarded: string | null; plain: string | null }[] = [];
    const run = (source: string, subject: string): string | null => {
      const m = new RegExp(source, 'u').exec(subject);
      return m === null ? null : JSON.stringify([m.index, m.index + m[0].length]);
    };
    for (const pattern of patterns) {
      const guarded = translatePythonPattern(pattern, false, true).source;
      const plain = translatePythonPattern(pattern, false, true, false).source;
      for (let k = 0; k < 12; k++) {
        let subject = '';
        for (let n = random(9); n > 0; n--) subject += ['a', 'b', ' ', ':', 'x', '1'][random(6)];
        subject += '\n';
        cases.push({ pattern, subject, guarded: run(guarded, subject), plain: run(plain, subject) });
      }
    }
    const differing = cases.filter((c) => c.guarded !== c.plain);
    const python = searchWithPython(differing);
    differing.forEach((c, i) => {
      const span = python[i] ? JSON.stringify(python[i]?.span) : null;
      expect(c.guarded, `${c.pattern} on ${JSON.stringify(c.subject)}`).toBe(span);
    });
    // the look-aheads are there and the subjects reach them
    expect(cases.length).toBe(720);
    expect(cases.filter((c) => c.guarded !== null).length).toBeGreaterThan(100);
  });
});
