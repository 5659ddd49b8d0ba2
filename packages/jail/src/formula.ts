/** @module formula: safe evaluation of Fail2Ban's `bantime.formula`, a Python expression subset. */
import { FormulaError } from './errors.js';
import { tokenizeFormula } from './_formula-lexer.js';
import { parseTokens, type FormulaScope } from './_formula-parser.js';

export type { FormulaScope } from './_formula-parser.js';

/** Fail2Ban's default `bantime.formula`. */
export const DEFAULT_BANTIME_FORMULA = 'ban.Time * (1<<(ban.Count if ban.Count<20 else 20)) * banFactor';

/** A parsed formula: evaluate it as often as needed, it never runs code. */
export interface BanTimeFormula {
  /** The formula as written. */
  readonly text: string;
  /** The value for one ban; throws FormulaError on a runtime fault (division by zero, …). */
  evaluate(scope: FormulaScope): number;
}

/**
 * Parses `text`: numbers, `ban.Time`, `ban.Count`, `banFactor`, `math.e`, `math.pi`, `True`, `False`;
 * `+ - * / // % **`, `<< >> & | ^ ~`, comparisons (chained), `not`, `and`, `or`, `a if c else b`,
 * parentheses and calls of min, max, abs, int, float, round, math.exp/log/sqrt/pow/floor/ceil.
 * Anything else throws a FormulaError naming the formula and the offending token.
 */
export function parseBanTimeFormula(text: string): BanTimeFormula {
  const fail = (pos: number, detail: string): never => {
    throw new FormulaError(text, pos, detail);
  };
  const evaluate = parseTokens(tokenizeFormula(text), fail);
  return {
    text,
    evaluate(scope) {
      const value = evaluate(scope);
      if (!Number.isFinite(value)) fail(0, `evaluates to ${value} (expected a finite number of seconds)`);
      return value;
    },
  };
}
