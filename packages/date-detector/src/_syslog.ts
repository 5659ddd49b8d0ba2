/** @module syslog: a regex-free matcher for the syslog date template, giving exactly the regex's answers. */

// The busiest default template, `{^LN-BEG}(?:%a )?%b %d %k:%M:%S(?:\.%f)?(?: %ExY)?`,
// matched by hand in the regex's backtracking order: most log lines carry this
// date and the regex call dominated the cost. test/syslog-matcher.test.ts
// checks it against the compiled regex on generated lines.
import { createClockTail } from './_clock-steps.js';
import { createDayStep, createLineReader, DAY_NAMES, MONTH_NAMES, nameAt } from './_date-steps.js';
import type { DateParts } from './_parts.js';

const UNICODE_WORD = /^[\p{L}\p{N}_]$/u;

/** What one successful match found (positions are UTF-16 indices). */
export interface SyslogMatch {
  /** Start of group 1 (the date, after up to two leading non-word characters). */
  start: number;
  /** End of the date and of the whole match. */
  end: number;
  /**
   * How many leading characters decided the answer: any line starting with
   * the same ones matches alike (0 = the answer also depended on where the
   * line ends). Logs repeat timestamps, so the detector memoises on it.
   */
  depends: number;
  /**
   * Where `hh:mm:ss` starts when hour, minute and second each matched as two
   * digits by the first alternative (hour tens 0-2, minute and second tens
   * 0-5), else -1. A line that differs only in those six digits, still within
   * those ranges, is matched along the very same path.
   */
  clock: number;
  /** The highest hour a changed clock may show and keep the match's path (default: any). */
  clockHourMax?: number;
  /** With `clock`: where fraction digits start whose values may change too (-1 or absent: none), and how many. */
  fraction?: number;
  fractionLength?: number;
}

/** Length (1 or 2 UTF-16 units) of the code point at `i`. */
function pointLength(line: string, i: number): number {
  const c = line.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
    const d = line.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Python/Unicode `\w` test of the code point starting at `i` (false past the end). */
function isWordAt(line: string, i: number): boolean {
  if (i >= line.length) return false;
  const c = line.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return UNICODE_WORD.test(String.fromCodePoint(line.codePointAt(i) as number));
}

/** `\w` test of the code point ending just before `i`. */
function isWordBefore(line: string, i: number): boolean {
  if (i <= 0) return false;
  const c = line.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = line.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return isWordAt(line, i - 2);
  }
  return isWordAt(line, i - 1);
}


/** Creates the matcher; `yearDecades` are the allowed first three digits of `%ExY` (e.g. 200, 201, 202). */
export function createSyslogMatcher(yearDecades: readonly number[]): (line: string, out: SyslogMatch, parts: DateParts) => boolean {
  const firstDecade = Math.min(...yearDecades);
  const lastDecade = Math.max(...yearDecades);
  let end = 0;
  // The start of a clock whose hour, minute and second all took two digits (see SyslogMatch.clock).
  // An inner success always carries the whole match, so the last value set is final.
  let clock = -1;
  const read = createLineReader();
  const { at, dig } = read;
  const wordAt = (i: number): boolean => {
    at(i + 1); // a surrogate pair is read whole
    return isWordAt(read.line, i);
  };

  // (Unicode-aware, unlike the reader's own word end: this matcher judges every character itself.)
  const finish = (e: number): boolean => {
    if (isWordBefore(read.line, e) && wordAt(e)) return false;
    end = e;
    return true;
  };
  const year = (e: number): boolean => {
    if (at(e) === 32) {
      const d0 = dig(e + 1);
      const d1 = d0 < 0 ? -1 : dig(e + 2);
      const d2 = d1 < 0 ? -1 : dig(e + 3);
      const d3 = d2 < 0 ? -1 : dig(e + 4);
      const decade = d0 * 100 + d1 * 10 + d2;
      if (d3 >= 0 && decade >= firstDecade && decade <= lastDecade && finish(e + 5)) {
        read.parts.year = decade * 10 + d3;
        return true;
      }
    }
    read.parts.year = Number.NaN;
    return finish(e);
  };
  const clockSteps = createClockTail(read, false, year);
  const { minute } = clockSteps;
  // `%k` = ` ?[0-2]?\d`
  const hourDigits = (i: number): boolean => {
    const a = dig(i);
    const b = dig(i + 1);
    if (a >= 0 && a <= 2 && b >= 0 && at(i + 2) === 58 && minute(i + 3)) {
      clock = clockSteps.minutePair && clockSteps.secondPair ? i : -1;
      return (read.parts.hour = a * 10 + b), true;
    }
    clock = -1;
    if (a >= 0 && at(i + 1) === 58 && minute(i + 2)) return (read.parts.hour = a), true;
    return false;
  };
  const hour = (i: number): boolean => (at(i) === 32 && hourDigits(i + 1)) || hourDigits(i);
  // `%d`, then a space
  const day = createDayStep(read, (i) => at(i) === 32 && hour(i + 1));
  const month = (i: number): boolean => {
    const m = nameAt(i, MONTH_NAMES, at);
    if (m < 0 || at(i + 3) !== 32 || !day(i + 4)) return false;
    read.parts.month = m + 1;
    return true;
  };
  const date = (i: number): boolean => (nameAt(i, DAY_NAMES, at) >= 0 && at(i + 3) === 32 && month(i + 4)) || month(i);

  return (text: string, out: SyslogMatch, into: DateParts): boolean => {
    read.begin(text, into);
    const line = text;
    // `^\W{0,2}`: greedy, then give back
    const one = line.length > 0 && !wordAt(0) ? pointLength(line, 0) : 0;
    const two = one > 0 && one < line.length && !wordAt(one) ? pointLength(line, one) : 0;
    let start: number;
    if (two > 0 && date(one + two)) start = one + two;
    else if (one > 0 && date(one)) start = one;
    else if (date(0)) start = 0;
    else return false;
    out.start = start;
    out.end = end;
    out.depends = read.seen < line.length ? read.seen + 1 : 0;
    out.clock = clock;
    // Digits of a fraction the match took whole may take any value: what follows decides alone
    // (Apache's error log writes microseconds that change on every line).
    out.fraction = clock >= 0 ? clockSteps.fractionAt : -1;
    out.fractionLength = clock >= 0 ? clockSteps.fractionLength : 0;
    return true;
  };
}
