/** @module memo: remembers a few characters of a line, to tell cheaply whether the next line holds the same ones. */
import { fractionOf } from './_fields.js';

/** Results of {@link TextMemo.compareStart}. */
export const DIFFERENT = 0;
export const SAME = 1;
export const CLOCK = 2;
export type Comparison = typeof DIFFERENT | typeof SAME | typeof CLOCK;

// Longer texts are not worth keeping: the syslog date decides within ~40 characters.
const MAX = 64;

/**
 * Characters of a remembered line, as char codes. Comparing char codes
 * against a typed array allocates nothing and, on lines cut by `split`,
 * costs a fraction of `startsWith(text, position)` (a runtime call in V8).
 */
export class TextMemo {
  private readonly codes = new Int32Array(MAX);
  /** Characters remembered; 0 = nothing. */
  length = 0;

  /** Remembers `line.slice(from, to)`; forgets instead when that is empty or too long. */
  remember(line: string, from: number, to: number): void {
    const n = to - from;
    if (n <= 0 || n > MAX || to > line.length) {
      this.length = 0;
      return;
    }
    for (let i = 0; i < n; i++) this.codes[i] = line.charCodeAt(from + i);
    this.length = n;
  }

  /**
   * Compares `line`'s start with a remembered line start that has a two-digit
   * `hh:mm:ss` at `clock` (-1 = none): SAME when equal; CLOCK when only
   * those six digits differ and stay within the ranges that keep the syslog
   * match on its path (hour tens 0-2, minute and second tens 0-5), in which
   * case the new digits are remembered (read them with {@link readPair});
   * else DIFFERENT, after which the memo must be forgotten (it may hold
   * some of the new digits).
   */
  compareStart(line: string, clock: number, fraction = -1, fractionLength = 0): Comparison {
    return this.compareAt(line, 0, clock, fraction, fractionLength);
  }

  /** {@link compareStart} for remembered characters that start at `from` of `line` (`clock` counted from there). */
  compareAt(line: string, from: number, clock: number, fraction = -1, fractionLength = 0): Comparison {
    const n = this.length;
    if (n === 0 || line.length < from + n) return DIFFERENT;
    if (clock + 8 > n) clock = -1;
    // Digits of a fraction (with a clock only) may take any value: the matcher read them all.
    const fractionEnd = clock < 0 || fraction < 0 ? -1 : fraction + fractionLength;
    const codes = this.codes;
    let changed = false;
    // From the end: a timestamp's last digits change first, so a new second
    // fails early. Each character is read once (reads from a line cut out of
    // a larger string cost several times a typed-array read).
    for (let i = n - 1; i >= 0; i--) {
      const c = line.charCodeAt(from + i);
      if (c === codes[i]) continue;
      if (i >= fraction && i < fractionEnd) {
        if (c < 48 || c > 57) return DIFFERENT;
        codes[i] = c;
        changed = true;
        continue;
      }
      const k = i - clock;
      if (clock < 0 || k < 0 || k > 7 || k === 2 || k === 5) return DIFFERENT;
      // a tens digit (k = 0, 3, 6) keeps the match on its path only within 0-2 / 0-5
      const digit = c - 48;
      if (digit < 0 || digit > (k === 0 ? 2 : k === 3 || k === 6 ? 5 : 9)) return DIFFERENT;
      codes[i] = c;
      changed = true;
    }
    return changed ? CLOCK : SAME;
  }

  /**
   * The fraction of a second written by the `n` digits remembered at `at`, as the field reader
   * computes it (same double, see fractionOf).
   */
  readFraction(at: number, n: number): number {
    let value = 0;
    for (let i = 0; i < n; i++) value = value * 10 + (this.codes[at + i] as number) - 48;
    return fractionOf(value, n);
  }

  /** The two-digit number remembered at `at` (see compareStart). */
  readPair(at: number): number {
    return (this.codes[at] as number) * 10 + (this.codes[at + 1] as number) - 528;
  }

  /** The char code remembered at `at`, or -1 past the remembered characters. */
  codeAt(at: number): number {
    return at >= 0 && at < this.length ? (this.codes[at] as number) : -1;
  }

  /** Whether `line` holds the remembered characters at `from` (false when none are). */
  matches(line: string, from: number): boolean {
    const n = this.length;
    if (n === 0 || line.length < from + n) return false;
    const codes = this.codes;
    // from the end: a timestamp's last digits change first, so a new second fails early
    for (let i = n - 1; i >= 0; i--) if (line.charCodeAt(from + i) !== codes[i]) return false;
    return true;
  }
}
