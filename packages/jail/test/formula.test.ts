import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PYTHON } from '@f2b/test-utils';
import { parseBanTimeFormula, DEFAULT_BANTIME_FORMULA, FormulaError } from '@f2b/jail';

const FORMULAS = [
  DEFAULT_BANTIME_FORMULA,
  'ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor)',
  'ban.Time * 2**ban.Count',
  'max(ban.Time, min(ban.Count * 3600, 86400)) // 7 % 1000',
  '-2**2 + (3 if 1 < ban.Count <= 4 else -7) - ~ban.Count',
  'ban.Time if not ban.Count or ban.Count > 10 and True else ban.Time * 3 >> 1',
  'int(ban.Time / 7) + round(2.5) + round(3.5) + abs(-ban.Count) + (ban.Count ^ 5 | 8 & 12)',
  '1e3 + .5 + ban.Time % -7 + -ban.Time // 4 + math.sqrt(16) + math.log(8, 2) + math.floor(2.7) + math.ceil(2.1)',
  '(1 == 1) * 10 + (2 != 2) + (ban.Count >= 3) + math.pow(2, 10) + math.pi * 0 + math.e * 0',
];
const SCOPES = [0, 1, 2, 3, 5, 19, 20, 25].map((banCount) => ({ banTime: 600, banCount, banFactor: 1.5 }));

describe('parseBanTimeFormula', () => {
  it('evaluates the default formula as Fail2Ban does', () => {
    const formula = parseBanTimeFormula(DEFAULT_BANTIME_FORMULA);
    expect(formula.evaluate({ banTime: 600, banCount: 0, banFactor: 1 })).toBe(600);
    expect(formula.evaluate({ banTime: 600, banCount: 3, banFactor: 1 })).toBe(4800);
    expect(formula.evaluate({ banTime: 600, banCount: 25, banFactor: 2 })).toBe(600 * 2 ** 20 * 2);
  });

  it('agrees with Python on every operator of the subset', (context) => {
    if (!existsSync(PYTHON)) {
      console.log(`skipped: ${PYTHON} not available for the differential check`);
      context.skip();
    }
    const script = [
      'import json, math, sys',
      'class Ban:',
      '  def __init__(self, t, c): self.Time = t; self.Count = c',
      'out = []',
      'for formula, scope in json.load(sys.stdin):',
      '  ban = Ban(scope["banTime"], scope["banCount"]); banFactor = scope["banFactor"]',
      '  out.append(float(eval(formula)))',
      'print(json.dumps(out))',
    ].join('\n');
    const cases = FORMULAS.flatMap((formula) => SCOPES.map((scope) => [formula, scope] as const));
    const expected = JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(cases) }).toString()) as number[];
    const actual = cases.map(([formula, scope]) => parseBanTimeFormula(formula).evaluate(scope));
    actual.forEach((value, i) => {
      expect(value, `${cases[i]![0]} with ${JSON.stringify(cases[i]![1])}`).toBeCloseTo(expected[i]!, 6);
    });
  });

  it.each([
    ["__import__('os').system('id')", "bantime.formula '__import__('os').system('id')': at column 12: unexpected character '''"],
    ['ban.__class__', "bantime.formula 'ban.__class__': at column 1: unknown name 'ban.__class__' (allowed: ban.Time, ban.Count, banFactor, math.e, math.pi, True, False)"],
    ['lambda: 1', "bantime.formula 'lambda: 1': at column 7: unexpected character ':'"],
    ['open(1)', "bantime.formula 'open(1)': at column 1: unknown function 'open' (allowed: min, max, abs, int, float, round, math.exp, math.log, math.sqrt, math.pow, math.floor, math.ceil)"],
    ['[ban.Time]', "bantime.formula '[ban.Time]': at column 1: unexpected character '['"],
    ['ban.Time * (2', "bantime.formula 'ban.Time * (2': at column 14: expected ')' but found 'end of formula'"],
    ['ban.Time 2', "bantime.formula 'ban.Time 2': at column 10: unexpected '2'"],
    ['1 if ban.Count', "bantime.formula '1 if ban.Count': at column 15: expected 'else' but found 'end of formula'"],
    ['ban.Time = 5', "bantime.formula 'ban.Time = 5': at column 10: unexpected character '='"],
    ['min()', "bantime.formula 'min()': at column 1: 'min' takes 1 to 16 argument(s), got 0"],
    ['"600"', `bantime.formula '"600"': at column 1: unexpected character '"'`],
  ])('rejects %s', (text, message) => {
    expect(() => parseBanTimeFormula(text)).toThrow(FormulaError);
    expect(() => parseBanTimeFormula(text)).toThrow(message);
  });

  it.each([
    ['ban.Time / (ban.Count - 1)', "bantime.formula 'ban.Time / (ban.Count - 1)': at column 10: division by zero"],
    ['1.5 << 2', "bantime.formula '1.5 << 2': at column 5: operator 'shift' needs integers (got 1.5)"],
    ['1 << -1', "bantime.formula '1 << -1': at column 3: negative shift count"],
    ['10 ** 400', "bantime.formula '10 ** 400': at column 1: evaluates to Infinity (expected a finite number of seconds)"],
  ])('reports a runtime fault of %s', (text, message) => {
    const formula = parseBanTimeFormula(text);
    expect(() => formula.evaluate({ banTime: 600, banCount: 1, banFactor: 1 })).toThrow(message);
  });

  it('refuses very long formulas before parsing them', () => {
    expect(() => parseBanTimeFormula('1+'.repeat(600) + '1')).toThrow(/longer than 1000 characters/);
  });
});
