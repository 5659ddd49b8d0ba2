/** @module ban-time: Fail2Ban's `bantime.increment`: factor, formula or multipliers, maxtime cap, random extra time. */
import { parseBanTimeFormula, DEFAULT_BANTIME_FORMULA } from './formula.js';

/** `bantime.increment` and its companions, as the config reader resolves them (all optional here). */
export interface BanTimeIncrementOptions {
  /** `bantime.increment`: grow the ban time of addresses banned before (default false). */
  readonly enabled?: boolean;
  /** `bantime.factor` (default 1). */
  readonly factor?: number;
  /** `bantime.formula` (a Python expression), null for Fail2Ban's default. Ignored when multipliers are set. */
  readonly formula?: string | null;
  /** `bantime.multipliers`: ban time × factor × multipliers[ban count] (last one repeats). */
  readonly multipliers?: readonly number[];
  /** `bantime.maxtime` in seconds: upper bound of the grown time (before rndtime), null for none. */
  readonly maxtime?: number | null;
  /** `bantime.rndtime` in seconds: a random 0..rndtime added, so botnets cannot predict the unban. */
  readonly rndtime?: number | null;
  /** `bantime.overalljails`: count bans of the address in every jail, not only this one. */
  readonly overalljails?: boolean;
}

/** Computes the grown ban time for `banTime` (the jail's base) and `banCount` (bans seen before). */
export type BanTimeCalculator = (banTime: number, banCount: number) => number;

/**
 * Builds the calculator Fail2Ban derives from the options: multipliers when given, otherwise the
 * formula (never below the base time); then the maxtime cap; then the random extra. `random`
 * returns 0 ≤ x < 1 (injectable for tests).
 */
export function createBanTimeCalculator(options: BanTimeIncrementOptions, random: () => number = Math.random): BanTimeCalculator {
  const factor = options.factor ?? 1;
  const multipliers = options.multipliers ?? [];
  let grow: BanTimeCalculator;
  if (multipliers.length > 0) {
    grow = (banTime, banCount) =>
      banTime * factor * multipliers[banCount < multipliers.length ? banCount : multipliers.length - 1]!;
  } else {
    const formula = parseBanTimeFormula(options.formula || DEFAULT_BANTIME_FORMULA);
    grow = (banTime, banCount) => Math.max(banTime, formula.evaluate({ banTime, banCount, banFactor: factor }));
  }
  const maxtime = options.maxtime ?? null;
  const rndtime = options.rndtime ?? null;
  return (banTime, banCount) => {
    let value = grow(banTime, banCount);
    if (maxtime !== null) value = Math.min(value, maxtime);
    if (rndtime !== null) value += random() * rndtime;
    return value;
  };
}
