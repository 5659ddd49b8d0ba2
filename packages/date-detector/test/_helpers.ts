/** @module helpers: shared test helpers (expected epochs written as UTC calendar times). */

/** Epoch seconds of a UTC calendar time (month 1-12). */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

/** 2005-08-14 12:00:00 CEST, the "now" Fail2Ban's own tests use. */
export const NOW = 1124013600;
