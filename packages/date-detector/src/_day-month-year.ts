/** @module day-month-year: a regex-free matcher for the line-start `04-Mar-2026 07:05:09.123` template, giving exactly the regex's answers or "unsure". */

// `{^LN-BEG}%d(?P<_sep>[-/])%b(?P=_sep)%ExY[ :]?%H:%M:%S(?:\.%f)?(?: %z)?` is the default template
// BIND (`04-Mar-2026 07:05:09.123 security: info: client …`, named-refused) and Tomcat write their
// stamps in. Their milliseconds differ on nearly every line, so the text cache of the full path
// rarely hits, and the regex with its ten groups read back as strings was a third of f2b-regex's
// time on a BIND log. This matcher walks the regex's choices in its backtracking order on a line
// that is ASCII wherever it looks; anything else is "unsure" (null) and goes to the regex.
// test/day-month-year-matcher.test.ts checks it against the compiled regex on well-formed and mangled lines.
import { createClockTail, type StepReader } from './_clock-steps.js';
import { createDateParts, type DateParts } from './_parts.js';
import type { SyslogMatch } from './_syslog.js';

/** The datepattern line (without `{^LN-BEG}`) this matcher stands for: also the access-log date of Apache's default template. */
export const DAY_MONTH_YEAR_DATE = '%d(?P<_sep>[-/])%b(?P=_sep)%ExY[ :]?%H:%M:%S(?:\\.%f)?(?: %z)?';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Whether the ASCII code `c` is a word character (`[A-Za-z0-9_]`). */
function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Creates the matcher; `yearDecades` are the allowed first three digits of `%ExY` (e.g. 200, 201, 202). */
export function createDayMonthYearMatcher(yearDecades: readonly number[]): (line: string, out: SyslogMatch, parts: DateParts) => boolean | null {
  const decades = new Set(yearDecades);
  let line = '';
  let seen = 0;
  // A look at a character this matcher does not judge (non-ASCII where a letter or \w is asked).
  let unsure = false;
  let end = 0;
  let sep = 0;
  // Where a two-digit hour matched (-1: one digit); the minute's and second's are in clockSteps.
  let hourAt = -1;
  const at = (i: number): number => {
    if (i > seen) seen = i;
    return line.charCodeAt(i);
  };
  const dig = (i: number): number => {
    const c = at(i) - 48;
    return c >= 0 && c <= 9 ? c : -1;
  };
  // The lower-case ASCII letter at `i` (the regex ignores case), or -1; non-ASCII makes the answer unsure.
  const letter = (i: number): number => {
    const c = at(i);
    if (c >= 128) { unsure = true; return -1; }
    const lower = c | 32;
    return lower >= 97 && lower <= 122 ? lower : -1;
  };
  const read: StepReader = { at, dig, parts: createDateParts() };

  // `(?!(?<=\w)\w)` at `e`: the character before is one this matcher read (ASCII).
  const finish = (e: number): boolean => {
    const next = at(e);
    if (next >= 128) { unsure = true; return false; }
    if (e < line.length && isAsciiWord(next) && isAsciiWord(line.charCodeAt(e - 1))) return false;
    end = e;
    return true;
  };
  const word = (i: number, text: string): boolean => {
    for (let k = 0; k < text.length; k++) if (letter(i + k) !== text.charCodeAt(k)) return false;
    return true;
  };
  // `(Z|UTC|GMT|[+-][01]\d(?::?\d\d)?)` at `p`, then the end; its minutes east of UTC in the parts.
  const zoneAt = (p: number): boolean => {
    if (word(p, 'z') && finish(p + 1)) return (read.parts.zone = 0), true;
    if ((word(p, 'utc') || word(p, 'gmt')) && finish(p + 3)) return (read.parts.zone = 0), true;
    const c = at(p);
    if (c !== 43 && c !== 45) return false;
    const h1 = dig(p + 1);
    const h2 = dig(p + 2);
    if (h1 < 0 || h1 > 1 || h2 < 0) return false;
    const sign = c === 45 ? -1 : 1;
    const hours = (h1 * 10 + h2) * 60;
    if (at(p + 3) === 58) {
      const m1 = dig(p + 4);
      const m2 = m1 < 0 ? -1 : dig(p + 5);
      if (m2 >= 0 && finish(p + 6)) return (read.parts.zone = sign * (hours + m1 * 10 + m2)), true;
    }
    const m1 = dig(p + 3);
    const m2 = m1 < 0 ? -1 : dig(p + 4);
    if (m2 >= 0 && finish(p + 5)) return (read.parts.zone = sign * (hours + m1 * 10 + m2)), true;
    if (finish(p + 3)) return (read.parts.zone = sign * hours), true;
    return false;
  };
  // `(?: %z)?`, greedy, then the end.
  const zone = (i: number): boolean => {
    if (at(i) === 32 && zoneAt(i + 1)) return true;
    read.parts.zone = Number.NaN;
    return finish(i);
  };
  const clockSteps = createClockTail(read, false, zone);
  const { minute } = clockSteps;
  // `[01]?\d|2[0-3]`, then `:`
  const hour = (i: number): boolean => {
    const a = dig(i);
    const b = dig(i + 1);
    if (a >= 0 && a <= 1 && b >= 0 && at(i + 2) === 58 && minute(i + 3)) return (read.parts.hour = a * 10 + b), (hourAt = i), true;
    if (a >= 0 && at(i + 1) === 58 && minute(i + 2)) return (read.parts.hour = a), (hourAt = -1), true;
    if (a === 2 && b >= 0 && b <= 3 && at(i + 2) === 58 && minute(i + 3)) return (read.parts.hour = 20 + b), (hourAt = i), true;
    return false;
  };
  // `((?:200|201|202)\d)[ :]?`, then the hour
  const year = (i: number): boolean => {
    const d0 = dig(i);
    const d1 = dig(i + 1);
    const d2 = dig(i + 2);
    const d3 = dig(i + 3);
    if (d0 < 0 || d1 < 0 || d2 < 0 || d3 < 0 || !decades.has(d0 * 100 + d1 * 10 + d2)) return false;
    const c = at(i + 4);
    if (!(((c === 32 || c === 58) && hour(i + 5)) || hour(i + 4))) return false;
    read.parts.year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
    return true;
  };
  // `[-/]`, `%b` (three letters, any case), the same separator, then the year
  const month = (i: number): boolean => {
    sep = at(i);
    if (sep !== 45 && sep !== 47) return false;
    const a = letter(i + 1);
    const b = letter(i + 2);
    const c = letter(i + 3);
    if (a < 0 || b < 0 || c < 0) return false;
    const index = MONTHS.indexOf(String.fromCharCode(a, b, c));
    if (index < 0 || at(i + 4) !== sep || !year(i + 5)) return false;
    read.parts.month = index + 1;
    return true;
  };
  // `[12]\d|[0 ]?[1-9]|3[01]`
  const day = (i: number): boolean => {
    const c = at(i);
    const a = dig(i);
    const b = dig(i + 1);
    if ((a === 1 || a === 2) && b >= 0 && month(i + 2)) return (read.parts.day = a * 10 + b), true;
    if ((a === 0 || c === 32) && b >= 1 && month(i + 2)) return (read.parts.day = b), true;
    if (a >= 1 && month(i + 1)) return (read.parts.day = a), true;
    if (a === 3 && (b === 0 || b === 1) && month(i + 2)) return (read.parts.day = 30 + b), true;
    return false;
  };

  return (text: string, out: SyslogMatch, into: DateParts): boolean | null => {
    line = text;
    read.parts = into;
    seen = 0;
    unsure = false;
    // `^\W{0,2}`, greedy: the day starts with a digit or a space, and a space it could take is one the
    // prefix already took (the regex's shorter tries give the same day and the same rest).
    let start = 0;
    while (start < 2) {
      const c = at(start);
      if (c >= 128) return null;
      if (start >= line.length || isAsciiWord(c)) break;
      start++;
    }
    const found = day(start);
    if (unsure) return null;
    if (!found) return false;
    out.start = start;
    out.end = end;
    out.depends = seen < line.length ? seen + 1 : 0;
    // Only the path every part took as two digits keeps its answer when just those digits change
    // (hour 00-23: `2[0-3]` takes over from `[01]?\d`); the fraction's digits, all taken, may change too.
    out.clock = hourAt >= 0 && clockSteps.minutePair && clockSteps.secondPair ? hourAt : -1;
    out.clockHourMax = 23;
    out.fraction = out.clock >= 0 ? clockSteps.fractionAt : -1;
    out.fractionLength = out.clock >= 0 ? clockSteps.fractionLength : 0;
    return true;
  };
}
