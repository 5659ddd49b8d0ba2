/** @module formula-lexer: splits a bantime.formula into tokens of the Python subset it may use. */
import { FormulaError } from './errors.js';

/** One token with its column in the formula (for error messages). */
export interface Token {
  readonly kind: 'number' | 'name' | 'op' | 'end';
  readonly text: string;
  readonly value: number;
  readonly pos: number;
}

// Longest operators first, so `**` wins over `*` and `<<` over `<`.
const OPERATORS = ['**', '//', '<<', '>>', '<=', '>=', '==', '!=', '+', '-', '*', '/', '%', '<', '>', '(', ')', ',', '.', '&', '|', '^', '~'];
const MAX_FORMULA_LENGTH = 1000;

/** Tokenizes `formula`; anything outside the subset is rejected here, naming the column. */
export function tokenizeFormula(formula: string): Token[] {
  if (formula.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError(formula.slice(0, 40) + '…', MAX_FORMULA_LENGTH, `longer than ${MAX_FORMULA_LENGTH} characters`);
  }
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < formula.length) {
    const ch = formula[pos]!;
    if (ch === ' ' || ch === '\t') {
      pos++;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(formula.slice(pos, pos + 64));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]), pos });
      pos += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(formula.slice(pos, pos + 64));
    if (name) {
      tokens.push({ kind: 'name', text: name[0], value: 0, pos });
      pos += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => formula.startsWith(o, pos));
    if (!op) throw new FormulaError(formula, pos, `unexpected character '${ch}'`);
    tokens.push({ kind: 'op', text: op, value: 0, pos });
    pos += op.length;
  }
  tokens.push({ kind: 'end', text: 'end of formula', value: 0, pos });
  return tokens;
}
