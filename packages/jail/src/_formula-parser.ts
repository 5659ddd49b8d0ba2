/** @module formula-parser: recursive-descent parser turning formula tokens into a tree of closures (no eval). */
import type { Token } from './_formula-lexer.js';

/** Values a formula may read. */
export interface FormulaScope {
  /** `ban.Time`: the jail's base ban time in seconds. */
  readonly banTime: number;
  /** `ban.Count`: how many times the address was banned before. */
  readonly banCount: number;
  /** `banFactor`: `bantime.factor`. */
  readonly banFactor: number;
}

/** A compiled (sub)expression. */
export type Evaluate = (scope: FormulaScope) => number;

type Fail = (pos: number, detail: string) => never;

const VARIABLES: Record<string, Evaluate> = {
  'ban.Time': (s) => s.banTime,
  'ban.Count': (s) => s.banCount,
  banFactor: (s) => s.banFactor,
  'math.e': () => Math.E,
  'math.pi': () => Math.PI,
  True: () => 1,
  False: () => 0,
};

const FUNCTIONS: Record<string, { min: number; max: number; call: (args: number[]) => number }> = {
  min: { min: 1, max: 16, call: (a) => Math.min(...a) },
  max: { min: 1, max: 16, call: (a) => Math.max(...a) },
  abs: { min: 1, max: 1, call: (a) => Math.abs(a[0]!) },
  int: { min: 1, max: 1, call: (a) => Math.trunc(a[0]!) },
  float: { min: 1, max: 1, call: (a) => a[0]! },
  round: { min: 1, max: 1, call: (a) => roundHalfEven(a[0]!) },
  'math.exp': { min: 1, max: 1, call: (a) => Math.exp(a[0]!) },
  'math.log': { min: 1, max: 2, call: (a) => (a.length === 2 ? Math.log(a[0]!) / Math.log(a[1]!) : Math.log(a[0]!)) },
  'math.sqrt': { min: 1, max: 1, call: (a) => Math.sqrt(a[0]!) },
  'math.pow': { min: 2, max: 2, call: (a) => a[0]! ** a[1]! },
  'math.floor': { min: 1, max: 1, call: (a) => Math.floor(a[0]!) },
  'math.ceil': { min: 1, max: 1, call: (a) => Math.ceil(a[0]!) },
};

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Parses a whole token list into one evaluator; `fail` raises errors naming the formula. */
export function parseTokens(tokens: readonly Token[], fail: Fail): Evaluate {
  let i = 0;
  const peek = (): Token => tokens[i]!;
  const isOp = (text: string): boolean => peek().kind === 'op' && peek().text === text;
  const isWord = (text: string): boolean => peek().kind === 'name' && peek().text === text;
  const expect = (text: string): void => {
    if (!isOp(text)) fail(peek().pos, `expected '${text}' but found '${peek().text}'`);
    i++;
  };
  const integer = (x: number, pos: number, op: string): number => {
    if (!Number.isInteger(x)) fail(pos, `operator '${op}' needs integers (got ${x})`);
    return x;
  };

  function conditional(): Evaluate {
    const body = orTest();
    if (!isWord('if')) return body;
    i++;
    const test = orTest();
    if (!isWord('else')) fail(peek().pos, `expected 'else' but found '${peek().text}'`);
    i++;
    const other = conditional();
    return (s) => (test(s) !== 0 ? body(s) : other(s));
  }
  function orTest(): Evaluate {
    let left = andTest();
    while (isWord('or')) {
      i++;
      const l = left, r = andTest();
      left = (s) => l(s) || r(s);
    }
    return left;
  }
  function andTest(): Evaluate {
    let left = notTest();
    while (isWord('and')) {
      i++;
      const l = left, r = notTest();
      left = (s) => l(s) && r(s);
    }
    return left;
  }
  function notTest(): Evaluate {
    if (!isWord('not')) return comparison();
    i++;
    const operand = notTest();
    return (s) => (operand(s) === 0 ? 1 : 0);
  }
  const COMPARE: Record<string, (a: number, b: number) => boolean> = {
    '<': (a, b) => a < b, '<=': (a, b) => a <= b, '>': (a, b) => a > b,
    '>=': (a, b) => a >= b, '==': (a, b) => a === b, '!=': (a, b) => a !== b,
  };
  function comparison(): Evaluate {
    const first = bitOr();
    const ops: Array<(a: number, b: number) => boolean> = [];
    const rest: Evaluate[] = [];
    while (peek().kind === 'op' && COMPARE[peek().text]) {
      ops.push(COMPARE[tokens[i++]!.text]!);
      rest.push(bitOr());
    }
    if (ops.length === 0) return first;
    // Python chains comparisons: a < b < c means a < b and b < c.
    return (s) => {
      let left = first(s);
      for (let k = 0; k < ops.length; k++) {
        const right = rest[k]!(s);
        if (!ops[k]!(left, right)) return 0;
        left = right;
      }
      return 1;
    };
  }
  function binary(next: () => Evaluate, table: Record<string, (a: number, b: number, pos: number) => number>): () => Evaluate {
    return () => {
      let left = next();
      while (peek().kind === 'op' && table[peek().text]) {
        const { text, pos } = tokens[i++]!;
        const apply = table[text]!, l = left, r = next();
        left = (s) => apply(l(s), r(s), pos);
      }
      return left;
    };
  }
  const divide = (a: number, b: number, pos: number): number => (b === 0 ? fail(pos, 'division by zero') : a / b);
  const shift = (a: number, b: number, pos: number): number => {
    if (integer(b, pos, 'shift') < 0) fail(pos, 'negative shift count');
    return b > 1023 ? fail(pos, 'shift count too large') : integer(a, pos, 'shift') * 2 ** b;
  };
  const factor = (): Evaluate => unary();
  const term = binary(factor, {
    '*': (a, b) => a * b,
    '/': divide,
    '//': (a, b, pos) => Math.floor(divide(a, b, pos)),
    '%': (a, b, pos) => (b === 0 ? fail(pos, 'modulo by zero') : a - b * Math.floor(a / b)),
  });
  const arith = binary(term, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const shiftExpr = binary(arith, { '<<': shift, '>>': (a, b, pos) => Math.floor(shift(a, 0, pos) / 2 ** integer(b, pos, 'shift')) });
  const bitAnd = binary(shiftExpr, { '&': (a, b, pos) => Number(BigInt(integer(a, pos, '&')) & BigInt(integer(b, pos, '&'))) });
  const bitXor = binary(bitAnd, { '^': (a, b, pos) => Number(BigInt(integer(a, pos, '^')) ^ BigInt(integer(b, pos, '^'))) });
  const bitOr = binary(bitXor, { '|': (a, b, pos) => Number(BigInt(integer(a, pos, '|')) | BigInt(integer(b, pos, '|'))) });

  function unary(): Evaluate {
    if (isOp('-') || isOp('+') || isOp('~')) {
      const { text, pos } = tokens[i++]!;
      const operand = unary();
      if (text === '-') return (s) => -operand(s);
      if (text === '+') return operand;
      return (s) => -integer(operand(s), pos, '~') - 1;
    }
    return power();
  }
  function power(): Evaluate {
    const base = atom();
    if (!isOp('**')) return base;
    const { pos } = tokens[i++]!;
    const exponent = unary(); // right-associative, and -x binds looser than ** on its left only
    return (s) => {
      const a = base(s), b = exponent(s);
      if (a === 0 && b < 0) fail(pos, 'zero to a negative power');
      return a ** b;
    };
  }
  function atom(): Evaluate {
    const token = peek();
    if (token.kind === 'number') {
      i++;
      const value = token.value;
      return () => value;
    }
    if (isOp('(')) {
      i++;
      const inner = conditional();
      expect(')');
      return inner;
    }
    if (token.kind === 'name') return reference();
    return fail(token.pos, `unexpected '${token.text}'`);
  }
  function reference(): Evaluate {
    const start = peek();
    let name = start.text;
    i++;
    while (isOp('.')) {
      i++;
      if (peek().kind !== 'name') fail(peek().pos, `expected a name after '.' but found '${peek().text}'`);
      name += '.' + tokens[i++]!.text;
    }
    if (isOp('(')) {
      const fn = FUNCTIONS[name];
      if (!fn) fail(start.pos, `unknown function '${name}' (allowed: ${Object.keys(FUNCTIONS).join(', ')})`);
      i++;
      const args: Evaluate[] = [];
      if (!isOp(')')) {
        args.push(conditional());
        while (isOp(',')) {
          i++;
          args.push(conditional());
        }
      }
      expect(')');
      if (args.length < fn.min || args.length > fn.max) fail(start.pos, `'${name}' takes ${fn.min === fn.max ? fn.min : `${fn.min} to ${fn.max}`} argument(s), got ${args.length}`);
      return (s) => fn.call(args.map((a) => a(s)));
    }
    const variable = VARIABLES[name];
    if (!variable) fail(start.pos, `unknown name '${name}' (allowed: ${Object.keys(VARIABLES).join(', ')})`);
    return variable;
  }

  const result = conditional();
  if (peek().kind !== 'end') fail(peek().pos, `unexpected '${peek().text}'`);
  return result;
}
