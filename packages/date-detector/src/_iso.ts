/** @module iso: a regex-free matcher for the line-start ISO 8601 template, giving exactly the regex's answers or "unsure". */

// `{^LN-BEG}%ExY(?P<_sep>[-/.])%m(?P=_sep)%d(?:T|  ?)%H:%M:%S(?:[.,]%f)?(?:\s*%z)?` is the first
// default template, and the stamp rsyslog writes by default on Debian 13 and Ubuntu 24.04
// (`2026-03-04T07:05:09.339563+00:00`). Its microseconds differ on every line, so the text cache
// of the full path never hits, and the regex call plus reading nine captured strings was most of
// the cost of an sshd line. This matcher walks the regex's choices in its backtracking order on a
// line that is ASCII wherever it looks (a leading `[` or two included, as applications write
// `[2026-03-04 07:05:09.123]`); anything else is "unsure" (null) and goes to the regex. test/iso-matcher.test.ts checks it
// against the compiled regex on well-formed and mangled lines.
import { createClockTail, type StepReader } from './_clock-steps.js';
import { createDateParts, type DateParts } from './_parts.js';
import type { SyslogMatch } from './_syslog.js';

/** The datepattern line (without `{^LN-BEG}`) this matcher stands for. */
export const ISO_DATE = '%ExY(?P<_sep>[-/.])%m(?P=_sep)%d(?:T|  ?)%H:%M:%S(?:[.,]%f)?(?:\\s*%z)?';

/** Whether the ASCII code `c` is a word character (`[A-Za-z0-9_]`). */
function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

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
  let line = '';
  let seen = 0;
  // A look at a character this matcher does not judge (non-ASCII): the answer is the regex's.
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
  const read: StepReader = { at, dig, parts: createDateParts() };

  // `(?!(?<=\w)\w)` at `e`: the character before is one this matcher read (ASCII).
  const finish = (e: number): boolean => {
    const next = at(e);
    if (next >= 128) { unsure = true; return false; }
    if (e < line.length && isAsciiWord(next) && isAsciiWord(line.charCodeAt(e - 1))) return false;
    end = e;
    return true;
  };
  // `(?:\s*(Z|UTC|GMT|[+-][01]\d(?::?\d\d)?))?`, greedy, then the end.
  const zoneAt = (p: number): boolean => {
    const c = at(p);
    if (c === 90 /* Z */ && finish(p + 1)) return (read.parts.zone = 0), true;
    if (c === 85 && at(p + 1) === 84 && at(p + 2) === 67 && finish(p + 3)) return (read.parts.zone = 0), true; // UTC
    if (c === 71 && at(p + 1) === 77 && at(p + 2) === 84 && finish(p + 3)) return (read.parts.zone = 0), true; // GMT
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
  const zone = (i: number): boolean => {
    let w = 0;
    for (let c = at(i); isAsciiSpace(c); c = at(i + w)) w++;
    if (at(i + w) >= 128) { unsure = true; return false; }
    for (let k = w; k >= 0; k--) if (zoneAt(i + k)) return true;
    read.parts.zone = Number.NaN;
    return finish(i);
  };
  const clockSteps = createClockTail(read, true, zone);
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
  // `(?:T|  ?)`
  const between = (i: number): boolean => {
    const c = at(i);
    if (c === 84) return hour(i + 1);
    if (c !== 32) return false;
    return (at(i + 1) === 32 && hour(i + 2)) || hour(i + 1);
  };
  // `[12]\d|[0 ]?[1-9]|3[01]`
  const day = (i: number): boolean => {
    const c = at(i);
    const a = dig(i);
    const b = dig(i + 1);
    if ((a === 1 || a === 2) && b >= 0 && between(i + 2)) return (read.parts.day = a * 10 + b), true;
    if ((a === 0 || c === 32) && b >= 1 && between(i + 2)) return (read.parts.day = b), true;
    if (a >= 1 && between(i + 1)) return (read.parts.day = a), true;
    if (a === 3 && (b === 0 || b === 1) && between(i + 2)) return (read.parts.day = 30 + b), true;
    return false;
  };
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
    line = text;
    read.parts = into;
    seen = 0;
    unsure = false;
    // `^\W{0,2}`, greedy: the date starts with a digit, so only right after the leading non-word
    // characters (at most two; the regex's shorter tries start on one of them and fail).
    let start = 0;
    while (start < maxLead) {
      const c = at(start);
      if (c >= 128) return null;
      if (start >= line.length || isAsciiWord(c)) break;
      start++;
    }
    const d0 = dig(start);
    const d1 = dig(start + 1);
    const d2 = dig(start + 2);
    const d3 = dig(start + 3);
    if (d0 < 0 || d1 < 0 || d2 < 0 || d3 < 0 || !decades.has(d0 * 100 + d1 * 10 + d2)) return false;
    sep = at(start + 4);
    if (sep !== 45 && sep !== 47 && sep !== 46) return false;
    const found = month(start + 5);
    if (unsure) return null;
    if (!found) return false;
    read.parts.year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
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
