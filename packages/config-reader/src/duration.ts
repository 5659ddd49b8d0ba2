/** @module duration: Fail2Ban's time expressions (`600`, `10m`, `1h 30m`, `1d`, `1w`, `-1`) in seconds. */
import { ConfigError } from './errors.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const YEAR = ((365 * 3 + 366) * DAY) / 4;

// Longest names first so `min` is not read as `m` + `in`. Fail2Ban's `m` is minutes; `mo`/`mon` months.
const UNITS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:seconds?|sec?|ss?)/i, 1],
  [/^(?:minutes?|min?|mm?)/i, MINUTE],
  [/^(?:hours?|hou?|hh?)/i, HOUR],
  [/^(?:days?|da|dd?)/i, DAY],
  [/^(?:weeks?|wee?|ww?)/i, 7 * DAY],
  [/^(?:months?|mon?)/i, YEAR / 12],
  [/^(?:years?|yea?|yy?)/i, YEAR],
];

/**
 * Parses a duration: numbers with optional units, `+ - * /` and parentheses; groups written side by
 * side add up (`1h 30m` = 5400). `option` names the setting in the error message.
 */
export function parseDuration(text: string, option = 'duration'): number {
  const parser = new DurationParser(text.trim(), option);
  const value = parser.parseExpression();
  parser.expectEnd();
  if (!Number.isFinite(value)) throw parser.error('is not a finite number');
  return value;
}

class DurationParser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly option: string,
  ) {
    if (text === '') throw this.error('is empty');
  }

  error(what: string): ConfigError {
    return new ConfigError('E_CONFIG_VALUE', `${this.option}: '${this.text}' ${what} (expected a time like 600, 10m, 1h 30m, 1d, -1)`);
  }

  parseExpression(): number {
    let value = this.parseTerm();
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '+' || c === '-') {
        this.pos++;
        const rhs = this.parseTerm();
        value = c === '+' ? value + rhs : value - rhs;
      } else if (c !== undefined && /[\d.(]/.test(c)) {
        value += this.parseTerm(); // juxtaposed groups add up
      } else return value;
    }
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.pos < this.text.length) throw this.error(`has unexpected '${this.text.slice(this.pos)}'`);
  }

  private parseTerm(): number {
    let value = this.parseFactor();
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c !== '*' && c !== '/') return value;
      this.pos++;
      const rhs = this.parseFactor();
      value = c === '*' ? value * rhs : value / rhs;
    }
  }

  private parseFactor(): number {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '-' || c === '+') {
      this.pos++;
      const v = this.parseFactor();
      return c === '-' ? -v : v;
    }
    if (c === '(') {
      this.pos++;
      const v = this.parseExpression();
      this.skipSpace();
      if (this.text[this.pos] !== ')') throw this.error('has an unclosed parenthesis');
      this.pos++;
      return v * this.parseUnit();
    }
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/i.exec(this.text.slice(this.pos));
    if (!number) throw this.error(c === undefined ? 'ends too early' : `has unexpected '${this.text.slice(this.pos)}'`);
    this.pos += number[0].length;
    return Number(number[0]) * this.parseUnit();
  }

  private parseUnit(): number {
    const save = this.pos;
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    for (const [re, factor] of UNITS) {
      const m = re.exec(rest);
      // A unit is a whole word: `10m` yes, `10mx` no.
      if (m && !/^[a-z]/i.test(rest.slice(m[0].length))) {
        this.pos += m[0].length;
        return factor;
      }
    }
    this.pos = save;
    return 1;
  }

  private skipSpace(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }
}
