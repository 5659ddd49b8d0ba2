/** @module ticket: what a ban carries to the actions (Fail2Ban's BanTicket, as a plain object). */
import type { AddressFamily } from './_address.js';
import type { FailureFields } from './_fail-table.js';

export type { AddressFamily } from './_address.js';
export type { FailureFields } from './_fail-table.js';

/** End of ban of permanent bans (Fail2Ban's MAX_TIME). */
export const PERMANENT_END = 0x7fffffffffff;

/** One ban: everything the ban actions need (`<ip>`, `<family>`, `<failures>`, `<matches>`, …). */
export interface BanTicket {
  /** The banned id: a canonical IPv4/IPv6 address, or the raw id a filter captured. */
  readonly ip: string;
  /** `inet4`/`inet6`, or null for ids that are not addresses. */
  readonly family: AddressFamily;
  /** Failures counted for this ban (1 for `banip`). */
  readonly failures: number;
  /** The newest log lines that caused the ban (at most maxmatches). */
  readonly matches: readonly string[];
  /** Start of the ban: the time of the last failure (epoch seconds). */
  readonly time: number;
  /** Ban length in seconds, -1 for permanent (already grown by bantime.increment). */
  readonly bantime: number;
  /** How many times this id has been banned, this ban included. */
  readonly bancount: number;
  /** True when restored from a database at start (actions may skip those). */
  readonly restored: boolean;
  /** Fields the filter captured with the first failure (`user`, …). */
  readonly fields: FailureFields;
}

/** When `ticket`'s ban ends (epoch seconds); PERMANENT_END for permanent bans. */
export function endOfBan(ticket: Pick<BanTicket, 'time' | 'bantime'>): number {
  return ticket.bantime === -1 ? PERMANENT_END : ticket.time + ticket.bantime;
}
