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
  // Digits of the remembered text that may change (see remember).
  private clock = -1;
  private clockHourMax = 29;
  private fraction = -1;
  private fractionLength = 0;

  /**
   * Remembers `line.slice(from, to)`; forgets instead when that is empty or too long. Counted from
   * `from`: `clock` is where a two-digit `hh:mm:ss` starts (-1 = none) whose digits may change
   * within the ranges that keep a matcher on its path (hour tens 0-2 and at most `clockHourMax`,
   * minute and second tens 0-5); with a clock, the `fractionLength` digits at `fraction` (-1 =
   * none) may take any value.
   */
  remember(line: string, from: number, to: number, clock = -1, clockHourMax = 29, fraction = -1, fractionLength = 0): void {
    const n = to - from;
    if (n <= 0 || n > MAX || to > line.length) {
      this.length = 0;
      return;
    }
    for (let i = 0; i < n; i++) this.codes[i] = line.charCodeAt(from + i);
    this.length = n;
    this.clock = clock + 8 > n ? -1 : clock;
    this.clockHourMax = clockHourMax;
    this.fraction = this.clock < 0 ? -1 : fraction;
    this.fractionLength = fractionLength;
  }

  /**
   * Compares `line`'s start with the remembered text: SAME when equal; CLOCK when only the digits
   * that may change (see remember) differ, still within their ranges, in which case the new
   * digits are remembered (read them with {@link readPair} at {@link clockAt} and
   * {@link readFraction}); else DIFFERENT, after which the memo must be forgotten (it may hold
   * some of the new digits).
   */
  compareStart(line: string): Comparison {
    return this.compareAt(line, 0);
  }

  /** {@link compareStart} for remembered characters that start at `from` of `line`. */
  compareAt(line: string, from: number): Comparison {
    const n = this.length;
    if (n === 0 || line.length < from + n) return DIFFERENT;
    const clock = this.clock;
    const fraction = this.fraction;
    const fractionEnd = fraction < 0 ? -1 : fraction + this.fractionLength;
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
    if (!changed) return SAME;
    return clock >= 0 && this.readPair(clock) > this.clockHourMax ? DIFFERENT : CLOCK;
  }

  /** Where the remembered clock starts (see remember); -1 = none. */
  get clockAt(): number {
    return this.clock;
  }

  /**
   * The fraction of a second its remembered digits write, as the field reader computes it (same
   * double, see fractionOf); undefined when no fraction may change.
   */
  readFraction(): number | undefined {
    if (this.fraction < 0) return undefined;
    let value = 0;
    for (let i = 0; i < this.fractionLength; i++) value = value * 10 + (this.codes[this.fraction + i] as number) - 48;
    return fractionOf(value, this.fractionLength);
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
