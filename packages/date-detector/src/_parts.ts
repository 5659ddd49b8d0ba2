/** @module parts: numeric date parts -> epoch seconds, with Fail2Ban's guesses for a missing year or day. */
import { epochToWall, isSteadyHour, wallToEpoch } from './_clock.js';

const DAY = 86_400;

/** Numbers read from a date; NaN = not present. Reused across lines, never kept. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Monday = 0. */
  weekday: number;
  julian: number;
  week: number;
  mondayFirst: boolean;
  /** Minutes east of UTC written in the line. */
  zone: number;
  /** Fraction of a second (0 <= f < 1), used only with `subseconds`. */
  fraction: number;
}

/** A blank DateParts. */
export function createDateParts(): DateParts {
  return { year: NaN, month: NaN, day: NaN, hour: 0, minute: 0, second: 0, weekday: NaN, julian: NaN, week: NaN, mondayFirst: true, zone: NaN, fraction: NaN };
}

/** Resets a DateParts for the next line. */
export function clearDateParts(p: DateParts): void {
  p.year = p.month = p.day = p.weekday = p.julian = p.week = p.zone = p.fraction = NaN;
  p.hour = p.minute = p.second = 0;
  p.mondayFirst = true;
}

/** What the conversion needs besides the parts. */
export interface TimeContext {
  /** Epoch seconds "now" (for a missing year or day). */
  readonly now: number;
  /** `logtimezone` in minutes east of UTC, or null for local time. */
  readonly defaultZone: number | null;
  /** Keep `%f` fractions (Fail2Ban drops them). */
  readonly subseconds: boolean;
}

let lastTimeUsedNow = false;

/** Whether the last {@link timeFromParts} result depended on "now" (a guessed year or day). */
export function didLastTimeUseNow(): boolean {
  return lastTimeUsedNow;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (no Date object: this runs per line). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Seconds of a naive (zone-less) date-time, or NaN when it is not a real calendar time. */
export function toWall(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return daysFromCivil(year, month, day) * DAY + hour * 3600 + minute * 60 + second;
}

// "now" as a naive local wall time, cached: the detector asks once per line.
let cachedNow = Number.NaN;
let cachedNowWall = 0;
function nowAsWall(now: number): number {
  if (now !== cachedNow) {
    cachedNow = now;
    cachedNowWall = epochToWall(now);
  }
  return cachedNowWall;
}

/** Naive calendar parts of a wall time (civil-from-days arithmetic, no Date object). */
function splitWall(wall: number): { year: number; month: number; day: number } {
  const z = Math.floor(wall / DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

// Calendar parts of "now", cached with it.
let nowPartsWall = Number.NaN;
let nowParts = { year: 0, month: 0, day: 0 };
function splitNow(nowWall: number): { year: number; month: number; day: number } {
  if (nowWall !== nowPartsWall) {
    nowPartsWall = nowWall;
    nowParts = splitWall(nowWall);
  }
  return nowParts;
}

/** Day of the year of a `%U`/`%W` week and weekday (Monday = 0), like C's strptime. */
function dayOfYearFromWeek(year: number, week: number, weekday: number, mondayFirst: boolean): number {
  let first = (daysFromCivil(year, 1, 1) + 3) % 7;
  if (first < 0) first += 7;
  let dow = weekday;
  if (!mondayFirst) {
    first = (first + 1) % 7;
    dow = (dow + 1) % 7;
  }
  if (week === 0) return 1 + dow - first;
  return 1 + (7 - first) % 7 + 7 * (week - 1) + dow;
}

// The last hour read (its written year, month, day, hour and zones) and the
// epoch of its hh:00:00: lines come in order, so most fall in the hour of the
// line before and need only minute and second arithmetic. Kept only for hours
// where that arithmetic is exact (see rememberHour).
let hourYear = Number.NaN;
let hourMonth = Number.NaN;
let hourDay = Number.NaN;
let hourHour = Number.NaN;
let hourZone = Number.NaN;
let hourDefaultZone: number | null = null;
let hourEpoch = 0;
// For a guessed year: the "now" (as wall time) range in which the guess and
// Fail2Ban's "not more than a day ahead" rule give the same answer.
let hourNowFrom = Number.NaN;
let hourNowTo = Number.NaN;

function isSameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function isCachedHour(p: DateParts, ctx: TimeContext, nowWall: number): boolean {
  if (p.hour !== hourHour || p.day !== hourDay || p.month !== hourMonth || p.minute > 59 || p.second > 59) return false;
  if (!isSameNumber(p.year, hourYear) || !isSameNumber(p.zone, hourZone) || ctx.defaultZone !== hourDefaultZone) return false;
  return !Number.isNaN(p.year) || (nowWall >= hourNowFrom && nowWall < hourNowTo);
}

/** Caches the hour of a time just computed from `p` (`year` as resolved, `wall` after zone shifts), when every second of it reads alike. */
function rememberHour(p: DateParts, ctx: TimeContext, year: number, wall: number, time: number, nowWall: number): void {
  const intoHour = p.minute * 60 + p.second;
  const startWall = wall - intoHour;
  const start = time - intoHour;
  if (p.hour > 23) return;
  const zone = Number.isNaN(p.zone) ? ctx.defaultZone : p.zone;
  if (Number.isNaN(p.year)) {
    // the whole hour must stay within this year and on this side of "more than
    // a day ahead" (an hour moved to last year is not cached)
    const writtenStart = toWall(year, p.month, p.day, p.hour, 0, 0) - (zone === null ? 0 : zone * 60);
    hourNowFrom = Math.max(toWall(year, 1, 1, 0, 0, 0), writtenStart + 3599 - DAY);
    hourNowTo = toWall(year + 1, 1, 1, 0, 0, 0);
    if (!(nowWall >= hourNowFrom && nowWall < hourNowTo) || writtenStart !== startWall) return;
  }
  if (zone === null && !isSteadyHour(start, startWall - start)) return;
  hourYear = p.year;
  hourMonth = p.month;
  hourDay = p.day;
  hourZone = p.zone;
  hourDefaultZone = ctx.defaultZone;
  hourEpoch = start;
  hourHour = p.hour;
}

/**
 * Computes epoch seconds the way Fail2Ban's strptime does: a missing year is
 * this year, or last year when that would be more than a day in the future; a
 * missing day is today, or yesterday when in the future; a zone in the line
 * wins over `logtimezone`, which wins over local time. Returns null for
 * impossible dates (30 February, hour 24).
 */
export function timeFromParts(p: DateParts, ctx: TimeContext): number | null {
  let { year, month, day } = p;
  const nowWall = nowAsWall(ctx.now);
  const assumeYear = Number.isNaN(year);
  lastTimeUsedNow = assumeYear;
  if (isCachedHour(p, ctx, nowWall)) {
    const time = hourEpoch + p.minute * 60 + p.second;
    return ctx.subseconds && !Number.isNaN(p.fraction) ? time + p.fraction : time;
  }
  // any other conversion may move wallToEpoch's state, which the cache would then skip over
  hourHour = Number.NaN;
  if (assumeYear) year = splitNow(nowWall).year;
  if (Number.isNaN(month) || Number.isNaN(day)) {
    let julian = p.julian;
    if (Number.isNaN(julian) && !Number.isNaN(p.week) && !Number.isNaN(p.weekday)) {
      julian = dayOfYearFromWeek(year, p.week, p.weekday, p.mondayFirst);
    }
    if (!Number.isNaN(julian)) ({ year, month, day } = splitWall(toWall(year, 1, 1, 0, 0, 0) + (julian - 1) * DAY));
  }
  let assumeToday = false;
  if (Number.isNaN(month) && Number.isNaN(day)) {
    ({ month, day } = splitNow(nowWall));
    assumeToday = true;
    lastTimeUsedNow = true;
  }
  let wall = toWall(year, month, day, p.hour, p.minute, p.second);
  if (Number.isNaN(wall)) return null;
  const zone = Number.isNaN(p.zone) ? ctx.defaultZone : p.zone;
  if (zone !== null) wall -= zone * 60;
  if (assumeToday && wall > nowWall) wall -= DAY;
  if (assumeYear && wall > nowWall + DAY) {
    // Fail2Ban keeps the zone-shifted clock time but puts back the written day
    const clock = ((wall % DAY) + DAY) % DAY;
    wall = toWall(year - 1, month, day, 0, 0, 0) + clock;
    if (Number.isNaN(wall)) return null;
  }
  const time = zone !== null ? wall : wallToEpoch(wall);
  if (!assumeToday && !Number.isNaN(p.month) && !Number.isNaN(p.day)) rememberHour(p, ctx, year, wall, time, nowWall);
  return ctx.subseconds && !Number.isNaN(p.fraction) ? time + p.fraction : time;
}
