/** @module options: jail options as the config reader resolves them (seconds as numbers), checked once. */
import { JailOptionError } from './errors.js';
import type { BanTimeIncrementOptions } from './ban-time.js';
import type { BanHistory } from './ban-history.js';
import type { IgnoreOptions } from './ignore.js';
import type { BanTicket } from './ticket.js';

/** Options of a jail; every field is optional and defaults as in Fail2Ban's jail.conf. */
export interface JailOptions extends Omit<IgnoreOptions, 'jail'> {
  /** Jail name (default 'jail'). */
  readonly name?: string;
  /** Failures within findtime that cause a ban (default 5). */
  readonly maxretry?: number;
  /** Seconds a failure is remembered (default 600). */
  readonly findtime?: number;
  /** Seconds a ban lasts, -1 for permanent (default 600). */
  readonly bantime?: number;
  /** Matched lines kept per id for the actions (default: maxretry). 0 keeps none. */
  readonly maxmatches?: number;
  /** `bantime.increment` and its companions. */
  readonly bantimeIncrement?: BanTimeIncrementOptions;
  /** Earlier bans, for bantime.increment (default: a private in-memory history). */
  readonly history?: BanHistory;
  /** Random numbers 0 ≤ x < 1 for bantime.rndtime (default Math.random). */
  readonly random?: () => number;
  /** Called when a failure of an id already banned makes its ban longer (Fail2Ban's prolong). */
  readonly onProlong?: (ticket: BanTicket) => void;
}

/** Options with defaults applied and values checked. */
export interface ResolvedJailOptions {
  readonly name: string;
  readonly maxretry: number;
  readonly findtime: number;
  readonly bantime: number;
  readonly maxmatches: number;
}

/** Applies defaults and rejects values Fail2Ban could not work with, naming jail and option. */
export function resolveJailOptions(options: JailOptions): ResolvedJailOptions {
  const name = options.name ?? 'jail';
  const maxretry = options.maxretry ?? 5;
  const findtime = options.findtime ?? 600;
  const bantime = options.bantime ?? 600;
  const maxmatches = options.maxmatches ?? maxretry;
  const check = (option: string, ok: boolean, expected: string, value: unknown): void => {
    if (!ok) throw new JailOptionError(name, option, `${String(value)} is not ${expected}`);
  };
  check('maxretry', Number.isInteger(maxretry) && maxretry >= 1, 'a positive integer', maxretry);
  check('findtime', Number.isFinite(findtime) && findtime > 0, 'a positive number of seconds', findtime);
  check('bantime', bantime === -1 || (Number.isFinite(bantime) && bantime >= 0), 'a number of seconds or -1 (permanent)', bantime);
  check('maxmatches', Number.isInteger(maxmatches) && maxmatches >= 0, 'a non-negative integer', maxmatches);
  const inc = options.bantimeIncrement ?? {};
  check('bantime.factor', inc.factor === undefined || (Number.isFinite(inc.factor) && inc.factor > 0), 'a positive number', inc.factor);
  check('bantime.maxtime', inc.maxtime == null || (Number.isFinite(inc.maxtime) && inc.maxtime > 0), 'a positive number of seconds', inc.maxtime);
  check('bantime.rndtime', inc.rndtime == null || (Number.isFinite(inc.rndtime) && inc.rndtime >= 0), 'a non-negative number of seconds', inc.rndtime);
  for (const m of inc.multipliers ?? []) check('bantime.multipliers', Number.isFinite(m) && m >= 0, 'a list of non-negative numbers', m);
  return { name, maxretry, findtime, bantime, maxmatches };
}
