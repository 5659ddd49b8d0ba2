/**
 * @module date-steps: what the regex-free date matchers (syslog, ISO 8601, day-month-year) share: one
 * line read with a record of how far and how surely, and the steps of the directives they have in
 * common, each tried in its regex's backtracking order and handing on to the next step.
 */
import type { ClockTail, StepReader } from './_clock-steps.js';
import { createDateParts, type DateParts } from './_parts.js';
import type { SyslogMatch } from './_syslog.js';

/** Whether the ASCII code `c` is a word character (`[A-Za-z0-9_]`). */
export function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** One line as a matcher reads it (set anew by `begin` for each line). */
export interface LineReader extends StepReader {
  readonly line: string;
  /** The highest index looked at (see SyslogMatch.depends). */
  readonly seen: number;
  /** A character was met that the matcher does not judge (non-ASCII where `\w` is asked): the regex must answer. */
  unsure: boolean;
  /** Where the date ended, set by `wordEnd`. */
  readonly end: number;
  begin(line: string, parts: DateParts): void;
  /** `(?!(?<=\w)\w)` at `e`, the character before being one the matcher read (ASCII): true ends the date there. */
  wordEnd(e: number): boolean;
}

export function createLineReader(): LineReader {
  const reader = {
    line: '',
    seen: 0,
    unsure: false,
    end: 0,
    parts: createDateParts(),
    begin(line: string, parts: DateParts): void {
      reader.line = line;
      reader.parts = parts;
      reader.seen = 0;
      reader.unsure = false;
    },
    at(i: number): number {
      if (i > reader.seen) reader.seen = i;
      return reader.line.charCodeAt(i);
    },
    dig(i: number): number {
      const c = reader.at(i) - 48;
      return c >= 0 && c <= 9 ? c : -1;
    },
    wordEnd(e: number): boolean {
      const next = reader.at(e);
      if (next >= 128) { reader.unsure = true; return false; }
      if (e < reader.line.length && isAsciiWord(next) && isAsciiWord(reader.line.charCodeAt(e - 1))) return false;
      reader.end = e;
      return true;
    },
  };
  return reader;
}

/** Three lower-case ASCII letters packed into one number, so a name lookup allocates nothing. */
function packName(name: string): number {
  return (name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2);
}
export const DAY_NAMES: ReadonlyMap<number, number> = new Map(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((n, i) => [packName(n), i]));
export const MONTH_NAMES: ReadonlyMap<number, number> = new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((n, i) => [packName(n), i]));

/** Case-insensitive 3-letter name at `i` (u+i folding also maps U+017F to 's'); index in `names` or -1. */
export function nameAt(i: number, names: ReadonlyMap<number, number>, at: (i: number) => number): number {
  // no length check: reads past the end give NaN, which fails below, and `at` records them
  let key = 0;
  for (let k = 0; k < 3; k++) {
    let c = at(i + k);
    if (c === 0x17f) c = 115;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) c |= 32;
    else return -1;
    key = (key << 8) | c;
  }
  return names.get(key) ?? -1;
}

/** `%d` = `[12]\d|[0 ]?[1-9]|3[01]` at `i`, then `next` after it; sets the day. */
export function createDayStep(read: StepReader, next: (i: number) => boolean): (i: number) => boolean {
  return (i: number): boolean => {
    const a = read.dig(i);
    const b = read.dig(i + 1);
    if ((a === 1 || a === 2) && b >= 0 && next(i + 2)) return (read.parts.day = a * 10 + b), true;
    if ((a === 0 || read.at(i) === 32) && b >= 1 && next(i + 2)) return (read.parts.day = b), true;
    if (a >= 1 && next(i + 1)) return (read.parts.day = a), true;
    if (a === 3 && (b === 0 || b === 1) && next(i + 2)) return (read.parts.day = 30 + b), true;
    return false;
  };
}

/** `%H` = `[01]?\d|2[0-3]` at `i`, then `:` and `minute`; `at` is where a two-digit hour matched (-1: one digit). */
export interface HourStep {
  readonly hour: (i: number) => boolean;
  readonly at: number;
}

export function createHourStep(read: StepReader, minute: (i: number) => boolean): HourStep {
  const step = {
    at: -1,
    hour(i: number): boolean {
      const a = read.dig(i);
      const b = read.dig(i + 1);
      if (a >= 0 && a <= 1 && b >= 0 && read.at(i + 2) === 58 && minute(i + 3)) return (read.parts.hour = a * 10 + b), (step.at = i), true;
      if (a >= 0 && read.at(i + 1) === 58 && minute(i + 2)) return (read.parts.hour = a), (step.at = -1), true;
      if (a === 2 && b >= 0 && b <= 3 && read.at(i + 2) === 58 && minute(i + 3)) return (read.parts.hour = 20 + b), (step.at = i), true;
      return false;
    },
  };
  return step;
}

/**
 * `%z` = `(Z|UTC|GMT|[+-][01]\d(?::?\d\d)?)` at `p`, then the word end; sets the zone in minutes east
 * of UTC. `ignoreCase`: the template has month or day names, so its regex ignores case (no
 * character outside ASCII folds to one of these letters, so ASCII case is all there is to fold).
 */
export function createZoneStep(read: LineReader, ignoreCase: boolean): (p: number) => boolean {
  const is = (i: number, upper: string): boolean => {
    for (let k = 0; k < upper.length; k++) {
      const c = read.at(i + k);
      const want = upper.charCodeAt(k);
      if (c !== want && !(ignoreCase && c === (want | 32))) return false;
    }
    return true;
  };
  return (p: number): boolean => {
    if (is(p, 'Z') && read.wordEnd(p + 1)) return (read.parts.zone = 0), true;
    if ((is(p, 'UTC') || is(p, 'GMT')) && read.wordEnd(p + 3)) return (read.parts.zone = 0), true;
    const c = read.at(p);
    if (c !== 43 && c !== 45) return false;
    const h1 = read.dig(p + 1);
    const h2 = read.dig(p + 2);
    if (h1 < 0 || h1 > 1 || h2 < 0) return false;
    const sign = c === 45 ? -1 : 1;
    const hours = (h1 * 10 + h2) * 60;
    if (read.at(p + 3) === 58) {
      const m1 = read.dig(p + 4);
      const m2 = m1 < 0 ? -1 : read.dig(p + 5);
      if (m2 >= 0 && read.wordEnd(p + 6)) return (read.parts.zone = sign * (hours + m1 * 10 + m2)), true;
    }
    const m1 = read.dig(p + 3);
    const m2 = m1 < 0 ? -1 : read.dig(p + 4);
    if (m2 >= 0 && read.wordEnd(p + 5)) return (read.parts.zone = sign * (hours + m1 * 10 + m2)), true;
    if (read.wordEnd(p + 3)) return (read.parts.zone = sign * hours), true;
    return false;
  };
}

/** `^\W{0,2}` greedy before a date that starts with a digit or space: where the date may start, or -1 when a non-ASCII character there leaves it to the regex. */
export function leadingNonWord(read: StepReader, line: string, max: number): number {
  let start = 0;
  while (start < max) {
    const c = read.at(start);
    if (c >= 128) return -1;
    if (start >= line.length || isAsciiWord(c)) break;
    start++;
  }
  return start;
}

/**
 * Fills `out` for a match from `start` to the reader's end: the characters that decided it, and where a
 * clock whose hour, minute and second all took two digits sits (then those digits, hour 00-23, and
 * every fraction digit taken may change on a line that keeps the rest; see SyslogMatch).
 */
export function reportLineStartMatch(out: SyslogMatch, read: LineReader, start: number, hourAt: number, clock: ClockTail): void {
  out.start = start;
  out.end = read.end;
  out.depends = read.seen < read.line.length ? read.seen + 1 : 0;
  // (`2[0-3]` takes over from `[01]?\d` from hour 20 on: the path stays that of two digits up to 23)
  out.clock = hourAt >= 0 && clock.minutePair && clock.secondPair ? hourAt : -1;
  out.clockHourMax = 23;
  out.fraction = out.clock >= 0 ? clock.fractionAt : -1;
  out.fractionLength = out.clock >= 0 ? clock.fractionLength : 0;
}
