/** @module clock-steps: `%M:%S(?:[.,]%f)?` matched by hand in the regex's backtracking order, shared by the syslog and ISO 8601 matchers. */
import { fractionOf } from './_fields.js';
import type { DateParts } from './_parts.js';

/** How a matcher reads its line (recording how far it looked) and where its date parts go. */
export interface StepReader {
  /** The char code at `i` (NaN past the end). */
  at(i: number): number;
  /** The digit at `i`, or -1. */
  dig(i: number): number;
  /** The parts of the line being matched (set per line). */
  parts: DateParts;
}

/** The steps after the hour; after a success, what the successful path took. */
export interface ClockTail {
  /** Matches minute, `:`, second and an optional fraction at `i`, then `next`; sets their parts. */
  minute(i: number): boolean;
  /** The minute / the second matched as two digits (see SyslogMatch.clock). */
  readonly minutePair: boolean;
  readonly secondPair: boolean;
  /** Where the fraction's digits start (-1: no fraction), and how many (see SyslogMatch.fraction). */
  readonly fractionAt: number;
  readonly fractionLength: number;
}

/**
 * Creates `[0-5]?\d:` + `[0-5]?\d|6[01]` + `(?:\.(\d{1,6}))?` (with `commaToo`, `[.,]`), then
 * `next(i)` for what follows (a year or zone, the word end). An inner success always carries the
 * whole match, so the fields last set are the successful path's.
 */
export function createClockTail(read: StepReader, commaToo: boolean, next: (i: number) => boolean): ClockTail {
  const tail = {
    minutePair: false,
    secondPair: false,
    fractionAt: -1,
    fractionLength: 0,
    minute(i: number): boolean {
      const a = read.dig(i);
      const b = read.dig(i + 1);
      tail.minutePair = a >= 0 && a <= 5 && b >= 0 && read.at(i + 2) === 58 && second(i + 3);
      if (tail.minutePair) return (read.parts.minute = a * 10 + b), true;
      if (a >= 0 && read.at(i + 1) === 58 && second(i + 2)) return (read.parts.minute = a), true;
      return false;
    },
  };
  const second = (i: number): boolean => {
    const a = read.dig(i);
    const b = read.dig(i + 1);
    tail.secondPair = a >= 0 && a <= 5 && b >= 0 && fraction(i + 2);
    if (tail.secondPair) return (read.parts.second = a * 10 + b), true;
    if (a >= 0 && fraction(i + 1)) return (read.parts.second = a), true;
    if (a === 6 && (b === 0 || b === 1) && fraction(i + 2)) return (read.parts.second = 60 + b), true;
    return false;
  };
  // greedy: the longest run of digits first, then shorter ones, then none
  const fraction = (i: number): boolean => {
    const c = read.at(i);
    if (c === 46 || (commaToo && c === 44)) {
      let n = 0;
      while (n < 6 && read.dig(i + 1 + n) >= 0) n++;
      for (let k = n; k >= 1; k--) {
        if (next(i + 1 + k)) {
          let value = 0;
          for (let j = 1; j <= k; j++) value = value * 10 + read.dig(i + j);
          read.parts.fraction = fractionOf(value, k);
          tail.fractionAt = i + 1;
          tail.fractionLength = k;
          return true;
        }
      }
    }
    read.parts.fraction = Number.NaN;
    tail.fractionAt = -1;
    tail.fractionLength = 0;
    return next(i);
  };
  return tail;
}
