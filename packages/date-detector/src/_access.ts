/** @module access: a regex-free matcher for web access-log dates (`^[^\[]*\[({DATE})`), sure of the common shape only. */

// nginx and Apache filters find `[02/Mar/2026:00:00:01 +0000]` through the datepattern
// `^[^\[]*\[({DATE})`; of its ~17 templates the Apache one wins. Its regex, its match array and
// reading the time from strings were a third of f2b-regex's time on an access log. This matcher
// follows the regex's first choices on the usual shape (two-digit day, three-letter ASCII month,
// four-digit year, `:`, a two-digit clock, a `+hhmm` zone or none) and answers "unsure" (null) for
// anything else, which then runs the regex. test/access-matcher.test.ts checks it against the regex.
import type { DateParts } from './_parts.js';
import type { SyslogMatch } from './_syslog.js';

/** The datepattern line this matcher stands for (the Apache default date inside the access-log context). */
export const ACCESS_LOG_DATE = '^[^\\[]*\\[(%d(?P<_sep>[-/])%b(?P=_sep)%ExY[ :]?%H:%M:%S(?:\\.%f)?(?: %z)?)';

/**
 * Where the matcher's date can start: after the line's first `[` (-1: none). Its answer depends
 * on nothing before (no other `[` there) and on the characters from there to one past the date.
 */
export function findAccessDateAnchor(line: string): number {
  const open = line.indexOf('[');
  return open < 0 ? -1 : open + 1;
}

/** Offset of `hh:mm:ss` from the anchor (`02/Mar/2026:` before it), read with the ranges of FastSpan.clock. */
export const ACCESS_CLOCK_OFFSET = 12;

/** Three lower-case ASCII letters packed into one number. */
function pack(a: number, b: number, c: number): number {
  return (a << 16) | (b << 8) | c;
}
const MONTHS = new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((n, i) => [pack(n.charCodeAt(0), n.charCodeAt(1), n.charCodeAt(2)), i + 1]));

/** The digit at `i` of `line`, or -1. */
function digitAt(line: string, i: number): number {
  const c = line.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Lower-cased ASCII letter at `i`, or -1 (non-ASCII letters fold in `iu` mode: left to the regex). */
function letterAt(line: string, i: number): number {
  const c = line.charCodeAt(i) | 32;
  return c >= 97 && c <= 122 ? c : -1;
}

/** Whether the code unit at `i` is certainly not a word character (ASCII, not `[A-Za-z0-9_]`; the end counts). */
function isAsciiNonWord(line: string, i: number): boolean {
  if (i >= line.length) return true;
  const c = line.charCodeAt(i);
  return c < 128 && !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95);
}

/** The day of `%d` (`[12]\d|[0 ]?[1-9]|3[01]`) when written as two digits, else -1 (unsure). */
function dayAt(line: string, i: number): number {
  const a = digitAt(line, i);
  const b = digitAt(line, i + 1);
  if (b < 0) return -1;
  if (a === 1 || a === 2 || (a === 0 && b >= 1) || (a === 3 && b <= 1)) return a * 10 + b;
  return -1;
}

/** Zone minutes of a `[+-][01]\d:?\d\d` zone at `i` (Fail2Ban's reading), and its end via `out`; NaN when unsure. */
function zoneAt(line: string, i: number, out: SyslogMatch): number {
  const sign = line.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return Number.NaN;
  const h0 = digitAt(line, i + 1);
  const h1 = digitAt(line, i + 2);
  if ((h0 !== 0 && h0 !== 1) || h1 < 0) return Number.NaN;
  const m = line.charCodeAt(i + 3) === 58 ? i + 4 : i + 3;
  const m0 = digitAt(line, m);
  const m1 = digitAt(line, m + 1);
  if (m0 < 0 || m1 < 0) return Number.NaN;
  out.end = m + 2;
  const minutes = (h0 * 10 + h1) * 60 + m0 * 10 + m1;
  return sign === 45 ? -minutes : minutes;
}

/** Creates the matcher; `yearDecades` are the allowed first three digits of `%ExY`. Null: unsure, run the regex. */
export function createAccessLogMatcher(yearDecades: readonly number[]): (line: string, out: SyslogMatch, parts: DateParts) => boolean | null {
  const decades = new Set(yearDecades);
  return (line: string, out: SyslogMatch, parts: DateParts): boolean | null => {
    // `[^\[]*\[` can only stop at the first `[`
    const q = findAccessDateAnchor(line);
    if (q < 0) return false;
    const day = dayAt(line, q);
    const sep = line.charCodeAt(q + 2);
    if (day < 0 || (sep !== 47 && sep !== 45) || line.charCodeAt(q + 6) !== sep) return null;
    const month = MONTHS.get(pack(letterAt(line, q + 3), letterAt(line, q + 4), letterAt(line, q + 5)));
    if (month === undefined) return null;
    const y0 = digitAt(line, q + 7);
    const y1 = digitAt(line, q + 8);
    const y2 = digitAt(line, q + 9);
    const y3 = digitAt(line, q + 10);
    if (y0 < 0 || y1 < 0 || y2 < 0 || y3 < 0 || !decades.has(y0 * 100 + y1 * 10 + y2)) return null;
    const gap = line.charCodeAt(q + 11);
    if (gap !== 58 && gap !== 32) return null;
    const h0 = digitAt(line, q + 12);
    const h1 = digitAt(line, q + 13);
    // `[01]?\d` takes two digits; `2[0-3]` is what a two-digit hour from 20 ends as
    if (h0 < 0 || h1 < 0 || h0 > 2 || (h0 === 2 && h1 > 3) || line.charCodeAt(q + 14) !== 58) return null;
    const n0 = digitAt(line, q + 15);
    const n1 = digitAt(line, q + 16);
    if (n0 < 0 || n0 > 5 || n1 < 0 || line.charCodeAt(q + 17) !== 58) return null;
    const s0 = digitAt(line, q + 18);
    const s1 = digitAt(line, q + 19);
    if (s0 < 0 || s0 > 5 || s1 < 0) return null;
    const e = q + 20;
    const next = line.charCodeAt(e);
    let zone = Number.NaN;
    out.end = e;
    if (next === 32) {
      zone = zoneAt(line, e + 1, out);
      if (Number.isNaN(zone)) return null;
    } else if (next === 46) {
      return null;
    }
    if (!isAsciiNonWord(line, out.end)) return null;
    out.start = q;
    out.depends = 0;
    out.clock = -1;
    parts.year = decadesYear(y0, y1, y2, y3);
    parts.month = month;
    parts.day = day;
    parts.hour = h0 * 10 + h1;
    parts.minute = n0 * 10 + n1;
    parts.second = s0 * 10 + s1;
    parts.fraction = Number.NaN;
    parts.zone = zone;
    return true;
  };
}

function decadesYear(y0: number, y1: number, y2: number, y3: number): number {
  return y0 * 1000 + y1 * 100 + y2 * 10 + y3;
}
