/** @module helpers: shared test helpers (expected epochs written as UTC calendar times; the fast matchers' check against their regexes). */
import { expect } from 'vitest';
import { createDateParts, type DateParts } from '../src/_parts.js';
import type { SyslogMatch } from '../src/_syslog.js';

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

/** Deterministic pseudo-random numbers in [0, 1), so a failure reproduces. */
export function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** What a matcher check reads of one line: the answer (the regex's where the matcher was unsure) and what the matcher reported. */
export interface MatcherAnswer {
  readonly answer: unknown;
  /** The matcher answered itself (so `out` describes this line). */
  readonly sure: boolean;
  readonly out: ChangeableDigits & { readonly depends: number };
}

/** A run of {@link checkMatcher}: how to make lines and read them both ways. */
export interface MatcherCheck {
  readonly lines: number;
  readonly random: () => number;
  /** A new line from the format's parts. */
  readonly generate: () => string;
  /** Text put after a cut of the previous line (same start, other continuation). */
  readonly tails: readonly string[];
  readonly viaRegex: (line: string) => unknown;
  readonly viaMatcher: (line: string) => MatcherAnswer;
  /** A two-digit hour the clock may take instead (the matcher's clockHourMax); default 00-23. */
  readonly otherHour?: () => string;
}

/**
 * Asserts on `lines` generated and mangled lines that the matcher answers as the regex does, that
 * another line sharing the `depends` characters that decided a match matches alike, and that other
 * clock (and fraction) digits keep the match with the new time; returns how often each case came up.
 */
export function checkMatcher(check: MatcherCheck): { matched: number; withDepends: number; clocks: number; fractions: number } {
  const { random, tails, viaRegex } = check;
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const counts = { matched: 0, withDepends: 0, clocks: 0, fractions: 0 };
  let previous = '';
  for (let n = 0; n < check.lines; n++) {
    let line: string;
    if (previous !== '' && random() < 0.4) {
      // same start as the previous line, other continuation: near where its date ended, or anywhere
      const end = (viaRegex(previous) as { end: number } | null)?.end;
      const cut = end !== undefined && random() < 0.7 ? end - 1 + Math.floor(random() * 4) : Math.floor(random() * (previous.length + 1));
      line = previous.slice(0, cut) + pick(tails) + pick(tails);
    } else {
      line = check.generate();
    }
    previous = line;
    const expected = viaRegex(line);
    const { answer, sure, out } = check.viaMatcher(line);
    expect(answer, line).toEqual(expected);
    if (expected === null || !sure) continue;
    counts.matched++;
    if (out.depends > 0) {
      counts.withDepends++;
      const other = line.slice(0, out.depends) + pick(tails) + pick(tails);
      expect(viaRegex(other), `${line} -> ${other}`).toEqual(expected);
    }
    if (out.clock >= 0) {
      counts.clocks++;
      const digit = (max: number): string => String(Math.floor(random() * (max + 1)));
      const hh = check.otherHour?.() ?? String(Math.floor(random() * 24)).padStart(2, '0');
      const mm = digit(5) + digit(9);
      const ss = digit(5) + digit(9);
      const changed = withOtherDigits(line, out, [hh, mm, ss], () => digit(9));
      if (changed.fraction !== null) counts.fractions++;
      const fraction = changed.fraction ?? (expected as { fraction: number | null }).fraction;
      expect(viaRegex(changed.line), `${line} -> ${changed.line}`).toEqual({ ...(expected as object), hour: Number(hh), minute: Number(mm), second: Number(ss), fraction });
    }
  }
  return counts;
}

/** A line-start matcher's signature (see FastMatcher). */
type LineMatcher = (line: string, out: SyslogMatch, parts: DateParts) => boolean | null;

/**
 * Reads lines with `match` as the ISO 8601 and day-month-year matcher tests compare them: the date's
 * span and parts (null: no date), the regex's answer where the matcher is unsure; counts those.
 */
export function createMatcherReader(match: LineMatcher, viaRegex: (line: string) => unknown): { read(line: string): MatcherAnswer; readonly unsure: number } {
  const out: SyslogMatch = { start: 0, end: 0, depends: 0, clock: -1 };
  const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);
  const reader = {
    unsure: 0,
    read(line: string): MatcherAnswer {
      const p = createDateParts();
      const found = match(line, out, p);
      if (found === null) {
        reader.unsure++;
        return { answer: viaRegex(line), sure: false, out };
      }
      const answer = found
        ? { start: out.start, end: out.end, year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second, fraction: orNull(p.fraction), zone: orNull(p.zone) }
        : null;
      return { answer, sure: true, out };
    },
  };
  return reader;
}
