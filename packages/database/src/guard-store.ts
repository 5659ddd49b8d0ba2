/** @module guard-store: keeps the bans of @f2b/jail's in-process guard in the database across restarts. */
import { DatabaseClosedError, DatabaseError, DatabaseWriteError, describeCause } from './errors.js';
import type { BanDatabase } from './types.js';

/**
 * A guard's ban: `until` is epoch seconds (Infinity for a permanent one). Declared here rather than imported,
 * so this package does not depend on @f2b/jail; it has the shape of the guard's `GuardBan`.
 */
export interface GuardStoreBan {
  readonly ip: string;
  readonly until: number;
}

/** Options of `createGuardStore`. */
export interface GuardStoreOptions {
  /** Jail name the bans are stored under (default `guard`); use one per guard sharing a database. */
  jail?: string;
  /** Clock in epoch seconds, the same one the guard uses (default: the system clock). */
  now?: () => number;
  /** Most addresses whose ban start is remembered in memory; expired ones are dropped first (default 100,000). */
  maxTracked?: number;
}

/** What `createGuardStore` returns: pass `bans()` and `onBan` to `createGuard`. */
export interface GuardStore {
  /** Bans still in force, for the guard's `bans` option. Throws if the database is closed. */
  bans(): GuardStoreBan[];
  /**
   * For the guard's `onBan`: records a ban that starts or grows (a grown ban keeps its start and gets the
   * later end). Never throws: a failure goes to the database's `onError`, and the guard keeps working.
   */
  onBan(ban: GuardStoreBan): void;
  /**
   * Call beside `guard.unban(ip)`, with the address as the guard gives it (`onBan`, `listBans`): forgets the
   * stored ban. Returns whether one was stored; never throws (a failure goes to `onError`, returns false).
   */
  unban(ip: string): boolean;
}

/** The start of a known ban, so that growing it rewrites the same row rather than adding history. */
interface KnownBan {
  time: number;
  until: number;
  bancount: number;
}

/**
 * Adapts the ban database to the guard's persistence hooks. Writes go through `recordBan`, so bans made in
 * the same tick share one transaction and `db.close()` commits those still queued. Throws only for bad
 * options or a closed database.
 */
export function createGuardStore(db: BanDatabase, options: GuardStoreOptions = {}): GuardStore {
  const jail = options.jail ?? 'guard';
  const now = options.now ?? (() => Date.now() / 1000);
  const maxTracked = options.maxTracked ?? 100_000;
  if (jail === '' || jail.includes('\0')) {
    throw new RangeError(`guard store: jail name ${JSON.stringify(jail)} is not usable`);
  }
  if (!Number.isInteger(maxTracked) || maxTracked < 1) {
    throw new RangeError(`guard store: maxTracked ${maxTracked} is not a positive integer`);
  }
  db.addJail(jail);
  const known = new Map<string, KnownBan>();
  const where = db.file ?? '(no database)';
  let lastReported: unknown;
  let closedReported = false;

  // A failing disk fails every ban of a batch with one error, and a closed database fails each call: report
  // each once, so an attack on a broken database does not become a flood of warnings.
  const report = (cause: unknown, what: string): void => {
    if (cause === lastReported) return;
    lastReported = cause;
    if (cause instanceof DatabaseClosedError) {
      if (closedReported) return;
      closedReported = true;
    }
    const error =
      cause instanceof DatabaseError
        ? cause
        : new DatabaseWriteError(where, `${what} in jail '${jail}': ${describeCause(cause)}`, { cause });
    try {
      db.reportError(error);
    } catch {
      // An onError that throws must not reach the guard either.
    }
  };

  const remember = (ip: string, ban: KnownBan): void => {
    known.delete(ip); // re-insert: Map order is then least recently touched first
    known.set(ip, ban);
    if (known.size <= maxTracked) return;
    const t = now();
    for (const [key, value] of known) if (value.until <= t) known.delete(key);
    for (const key of known.keys()) {
      if (known.size <= Math.floor(maxTracked * 0.9)) break;
      known.delete(key);
    }
  };

  const onBan = (ban: GuardStoreBan): void => {
    try {
      const { ip, until } = ban;
      if (typeof until !== 'number' || Number.isNaN(until)) {
        report(new DatabaseWriteError(where, `cannot record ban of ${ip} in jail '${jail}': until is not a time`), '');
        return;
      }
      const t = now();
      const previous = known.get(ip);
      // A ban still in force when it grows is the same ban: same start, same count.
      const growing = previous !== undefined && previous.until > t && until >= previous.until;
      const time = growing ? previous.time : Math.min(t, until);
      const bancount = growing ? previous.bancount : (previous?.bancount ?? 0) + 1;
      remember(ip, { time, until, bancount });
      const bantime = until === Infinity ? -1 : until - time;
      db.recordBan({ jail, ip, time, bantime, bancount, data: {} }).catch((error: unknown) =>
        report(error, `cannot record ban of ${ip}`),
      );
    } catch (error) {
      report(error, `cannot record ban of ${String(ban?.ip)}`);
    }
  };

  return {
    bans() {
      const t = now();
      const result: GuardStoreBan[] = [];
      for (const record of db.currentBans({ jail, now: t })) {
        const until = record.bantime < 0 ? Infinity : record.time + record.bantime;
        if (until <= t) continue;
        remember(record.ip, { time: record.time, until, bancount: record.bancount });
        result.push({ ip: record.ip, until });
      }
      return result;
    },
    onBan,
    unban(ip) {
      known.delete(ip);
      try {
        return db.removeBan(jail, ip);
      } catch (error) {
        report(error, `cannot remove ban of ${ip}`);
        return false;
      }
    },
  };
}
