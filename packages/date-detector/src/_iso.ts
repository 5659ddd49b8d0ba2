/** @module iso: a regex-free matcher for the line-start ISO 8601 template, giving exactly the regex's answers or "unsure". */

// `{^LN-BEG}%ExY(?P<_sep>[-/.])%m(?P=_sep)%d(?:T|  ?)%H:%M:%S(?:[.,]%f)?(?:\s*%z)?` is the first
// default template, and the stamp rsyslog writes by default on Debian 13 and Ubuntu 24.04
// (`2026-03-04T07:05:09.339563+00:00`). Its microseconds differ on every line, so the text cache
// of the full path never hits, and the regex call plus reading nine captured strings was most of
// the cost of an sshd line. This matcher walks the regex's choices in its backtracking order on a
// line that is ASCII wherever it looks (a leading `[` or two included, as applications write
// `[2026-03-04 07:05:09.123]`); anything else is "unsure" (null) and goes to the regex. test/iso-matcher.test.ts checks it
// against the compiled regex on well-formed and mangled lines.
import { createClockTail } from './_clock-steps.js';
import { createDayStep, createHourStep, createLineReader, createZoneStep, leadingNonWord, reportLineStartMatch } from './_date-steps.js';
import type { DateParts } from './_parts.js';
import type { SyslogMatch } from './_syslog.js';

/** The datepattern line (without `{^LN-BEG}`) this matcher stands for. */
export const ISO_DATE = '%ExY(?P<_sep>[-/.])%m(?P=_sep)%d(?:T|  ?)%H:%M:%S(?:[.,]%f)?(?:\\s*%z)?';

/** ASCII characters of JavaScript's `\s` (tab, LF, VT, FF, CR, space). */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Creates the matcher; `yearDecades` are the allowed first three digits of `%ExY` (e.g. 200, 201, 202).
 * `maxLead`: the non-word characters the date may follow at the line start (2: `{^LN-BEG}`; 0: the
 * `^{DATE}` of recidive's datepattern, for Fail2Ban's own log).
 */
export function createIsoMatcher(yearDecades: readonly number[], maxLead = 2): (line: string, out: SyslogMatch, parts: DateParts) => boolean | null {
  const decades = new Set(yearDecades);
  const read = createLineReader();
  const { at, dig } = read;
  let sep = 0;
  const zoneAt = createZoneStep(read, false);
  // `(?:\s*%z)?`, greedy, then the end.
  const zone = (i: number): boolean => {
    let w = 0;
    for (let c = at(i); isAsciiSpace(c); c = at(i + w)) w++;
    if (at(i + w) >= 128) { read.unsure = true; return false; }
    for (let k = w; k >= 0; k--) if (zoneAt(i + k)) return true;
    read.parts.zone = Number.NaN;
    return read.wordEnd(i);
  };
  const clockSteps = createClockTail(read, true, zone);
  const hourStep = createHourStep(read, clockSteps.minute);
  const { hour } = hourStep;
  // `(?:T|  ?)`
  const between = (i: number): boolean => {
    const c = at(i);
    if (c === 84) return hour(i + 1);
    if (c !== 32) return false;
    return (at(i + 1) === 32 && hour(i + 2)) || hour(i + 1);
  };
  const day = createDayStep(read, between);
  // `0?[1-9]|1[0-2]`, then the same separator
  const month = (i: number): boolean => {
    const a = dig(i);
    const b = dig(i + 1);
    if (a === 0 && b >= 1 && at(i + 2) === sep && day(i + 3)) return (read.parts.month = b), true;
    if (a >= 1 && at(i + 1) === sep && day(i + 2)) return (read.parts.month = a), true;
    if (a === 1 && b >= 0 && b <= 2 && at(i + 2) === sep && day(i + 3)) return (read.parts.month = 10 + b), true;
    return false;
  };

  return (text: string, out: SyslogMatch, into: DateParts): boolean | null => {
    read.begin(text, into);
    // The date starts with a digit, so only right after the leading non-word characters (the
    // regex's shorter tries start on one of them and fail).
    const start = leadingNonWord(read, text, maxLead);
    if (start < 0) return null;
    const d0 = dig(start);
    const d1 = dig(start + 1);
    const d2 = dig(start + 2);
    const d3 = dig(start + 3);
    if (d0 < 0 || d1 < 0 || d2 < 0 || d3 < 0 || !decades.has(d0 * 100 + d1 * 10 + d2)) return false;
    sep = at(start + 4);
    if (sep !== 45 && sep !== 47 && sep !== 46) return false;
    const found = month(start + 5);
    if (read.unsure) return null;
    if (!found) return false;
    read.parts.year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
    reportLineStartMatch(out, read, start, hourStep.at, clockSteps);
    return true;
  };
}
