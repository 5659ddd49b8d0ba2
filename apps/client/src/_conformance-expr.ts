/** @module _conformance-expr: evaluates the tiny Python conditions of Fail2Ban's sample logs (`name == 'sshd'`). */

/** What a condition may look at: the filter under test and the options of the current block. */
export interface ConditionScope {
  readonly name: string;
  readonly opts: Readonly<Record<string, unknown>>;
}

const OPERAND = String.raw`(name|opts\.get\(\s*'([^']*)'\s*\)|'[^']*'|"[^"]*")`;
const COMPARISON = new RegExp(String.raw`^\s*${OPERAND}\s*(==|!=)\s*${OPERAND}\s*$`);

/**
 * Evaluates `A == B` / `A != B` joined by `and` / `or`, where an operand is `name`,
 * `opts.get('key')` or a quoted string. Anything else throws, so a new kind of condition
 * in the samples shows up as a failure instead of being guessed.
 */
export function evaluateCondition(expr: string, scope: ConditionScope): boolean {
  return expr.split(/\s+or\s+/).some((alt) => alt.split(/\s+and\s+/).every((part) => evaluateComparison(part, scope)));
}

function evaluateComparison(text: string, scope: ConditionScope): boolean {
  const m = COMPARISON.exec(text);
  if (!m) throw new Error(`cannot evaluate sample condition ${JSON.stringify(text)}`);
  const left = readOperand(m[1] as string, m[2], scope);
  const right = readOperand(m[4] as string, m[5], scope);
  return m[3] === '==' ? left === right : left !== right;
}

function readOperand(token: string, key: string | undefined, scope: ConditionScope): unknown {
  if (token === 'name') return scope.name;
  if (key !== undefined) return scope.opts[key] ?? null;
  return token.slice(1, -1);
}
