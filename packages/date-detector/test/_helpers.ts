/** @module helpers: shared test helpers (expected epochs written as UTC calendar times). */

/** Epoch seconds of a UTC calendar time (month 1-12). */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

/** 2005-08-14 12:00:00 CEST, the "now" Fail2Ban's own tests use. */
export const NOW = 1124013600;

/** What a matcher says may change in the line it matched (see SyslogMatch.clock and fraction). */
interface ChangeableDigits {
  readonly clock: number;
  readonly fraction?: number;
  readonly fractionLength?: number;
}

/**
 * `line` with the clock at `out.clock` replaced by `hhmmss` (`hh`, `mm`, `ss`) and, when the match
 * took a fraction whole, its digits by new ones from `digit()`: the new line, and the fraction it
 * now writes (null: no fraction may change, the expected one stays).
 */
export function withOtherDigits(line: string, out: ChangeableDigits, hhmmss: readonly [string, string, string], digit: () => string): { line: string; fraction: number | null } {
  const [hh, mm, ss] = hhmmss;
  let other = `${line.slice(0, out.clock)}${hh}:${mm}:${ss}${line.slice(out.clock + 8)}`;
  const at = out.fraction ?? -1;
  if (at < 0) return { line: other, fraction: null };
  let digits = '';
  for (let k = 0; k < (out.fractionLength ?? 0); k++) digits += digit();
  other = other.slice(0, at) + digits + other.slice(at + digits.length);
  return { line: other, fraction: Number(`0.${digits}`) };
}
