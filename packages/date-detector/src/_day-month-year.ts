/** @module day-month-year: a regex-free matcher for the line-start `04-Mar-2026 07:05:09.123` template, giving exactly the regex's answers or "unsure". */

// `{^LN-BEG}%d(?P<_sep>[-/])%b(?P=_sep)%ExY[ :]?%H:%M:%S(?:\.%f)?(?: %z)?` is the default template
// BIND (`04-Mar-2026 07:05:09.123 security: info: client …`, named-refused) and Tomcat write their
// stamps in. Their milliseconds differ on nearly every line, so the text cache of the full path
// rarely hits, and the regex with its ten groups read back as strings was a third of f2b-regex's
// time on a BIND log. This matcher walks the regex's choices in its backtracking order on a line
// that is ASCII wherever it looks; anything else is "unsure" (null) and goes to the regex.
// test/day-month-year-matcher.test.ts checks it against the compiled regex on well-formed and mangled lines.
import { createClockTail } from './_clock-steps.js';
import { createDayStep, createHourStep, createLineReader, createZoneStep, leadingNonWord, MONTH_NAMES, nameAt, reportLineStartMatch } from './_date-steps.js';
import type { DateParts } from './_parts.js';
import type { SyslogMatch } from './_syslog.js';

/** The datepattern line (without `{^LN-BEG}`) this matcher stands for: also the access-log date of Apache's default template. */
export const DAY_MONTH_YEAR_DATE = '%d(?P<_sep>[-/])%b(?P=_sep)%ExY[ :]?%H:%M:%S(?:\\.%f)?(?: %z)?';

/** Creates the matcher; `yearDecades` are the allowed first three digits of `%ExY` (e.g. 200, 201, 202). */
export function createDayMonthYearMatcher(yearDecades: readonly number[]): (line: string, out: SyslogMatch, parts: DateParts) => boolean | null {
  const decades = new Set(yearDecades);
  const read = createLineReader();
  const { at, dig } = read;
  let sep = 0;
  // (the template's month names make its regex ignore case, zone letters included)
  const zoneAt = createZoneStep(read, true);
  // `(?: %z)?`, greedy, then the end.
  const zone = (i: number): boolean => {
    if (at(i) === 32 && zoneAt(i + 1)) return true;
    read.parts.zone = Number.NaN;
    return read.wordEnd(i);
  };
  const clockSteps = createClockTail(read, false, zone);
  const hourStep = createHourStep(read, clockSteps.minute);
  const { hour } = hourStep;
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
    const index = nameAt(i + 1, MONTH_NAMES, at);
    if (index < 0 || at(i + 4) !== sep || !year(i + 5)) return false;
    read.parts.month = index + 1;
    return true;
  };
  const day = createDayStep(read, month);

  return (text: string, out: SyslogMatch, into: DateParts): boolean | null => {
    read.begin(text, into);
    // The day starts with a digit or a space, and a space it could take is one the leading
    // non-word characters already took (the regex's shorter tries give the same day and rest).
    const start = leadingNonWord(read, text, 2);
    if (start < 0) return null;
    const found = day(start);
    if (read.unsure) return null;
    if (!found) return false;
    reportLineStartMatch(out, read, start, hourStep.at, clockSteps);
    return true;
  };
}
