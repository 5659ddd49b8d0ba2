/** @module ban-history: earlier bans per address, which bantime.increment grows ban times from. */

/** Earlier bans of one address (Fail2Ban's `bips` row, or the sum over jails for overalljails). */
export interface BanRecord {
  /** Bans so far. */
  readonly banCount: number;
  /** Start of the latest ban (epoch seconds). */
  readonly timeOfBan: number;
  /** Length of the latest ban in seconds (the sum over jails for overalljails). */
  readonly banTime: number;
}

/**
 * Where jails remember bans. Synchronous on purpose: the in-memory one and @f2b/database's
 * better-sqlite3 store both answer at once, and bans must be decided in order.
 */
export interface BanHistory {
  /** Earlier bans of `ip` in `jail`, or in every jail when `overall`; undefined when never banned. */
  lookupBan(ip: string, jail: string, overall: boolean): BanRecord | undefined;
  /** Records a new ban of `ip` in `jail`. */
  recordBan(ip: string, jail: string, record: BanRecord): void;
  /** Forgets bans of `ip` in `jail` (Fail2Ban deletes them on `unbanip`). */
  forgetBan(ip: string, jail: string): void;
}

/** Options of the in-memory history. */
export interface MemoryBanHistoryOptions {
  /** Most addresses remembered; the least recently banned are forgotten first (default 100,000). */
  readonly maxAddresses?: number;
}

/** A BanHistory in memory, bounded; share one between jails for `bantime.overalljails`. */
export function createMemoryBanHistory(options: MemoryBanHistoryOptions = {}): BanHistory {
  const maxAddresses = options.maxAddresses ?? 100_000;
  const byIp = new Map<string, Map<string, BanRecord>>();
  return {
    lookupBan(ip, jail, overall) {
      const jails = byIp.get(ip);
      if (!jails) return undefined;
      if (!overall) return jails.get(jail);
      let banCount = 0, timeOfBan = -Infinity, banTime = 0;
      for (const record of jails.values()) {
        banCount += record.banCount;
        timeOfBan = Math.max(timeOfBan, record.timeOfBan);
        banTime += record.banTime;
      }
      return jails.size === 0 ? undefined : { banCount, timeOfBan, banTime };
    },
    recordBan(ip, jail, record) {
      const jails = byIp.get(ip) ?? new Map<string, BanRecord>();
      byIp.delete(ip); // re-insert: Map order is then least recently banned first
      byIp.set(ip, jails.set(jail, record));
      if (byIp.size > maxAddresses) byIp.delete(byIp.keys().next().value!);
    },
    forgetBan(ip, jail) {
      const jails = byIp.get(ip);
      if (!jails) return;
      jails.delete(jail);
      if (jails.size === 0) byIp.delete(ip);
    },
  };
}
