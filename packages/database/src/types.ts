/** @module types: the records the ban database stores and the interface every database (real or disabled) offers. */
import type { DatabaseError } from './errors.js';

/** Extra ban details; `matches` are the last matched log lines (attacker-written text, stored as data only). */
export interface BanData {
  matches?: string[];
  failures?: number;
  [key: string]: unknown;
}

/** One ban as recorded and restored. */
export interface BanRecord {
  /** Jail name. */
  jail: string;
  /** Banned address (or other failure id), as the jail gives it. */
  ip: string;
  /** Time of the ban, epoch seconds. */
  time: number;
  /** Ban length in seconds; -1 means permanent. */
  bantime: number;
  /** How many times this address has been banned in this jail, this ban included. */
  bancount: number;
  data: BanData;
}

/** Where reading a log file stopped: `hash` identifies the file by its first line, `pos` is a byte offset. */
export interface LogPosition {
  hash: string;
  pos: number;
}

/** Ban history used by `bantime.increment`. */
export interface BanCount {
  /** Bans counted (summed over jails when `overall`). */
  bancount: number;
  /** Time of the latest ban, epoch seconds. */
  time: number;
  /** Ban length of the latest ban, seconds (-1 permanent). */
  bantime: number;
}

/** What `purge` removed. */
export interface PurgeResult {
  bans: number;
  banCounts: number;
  jails: number;
  logs: number;
}

/** Query for bans still in force. */
export interface CurrentBansQuery {
  /** Only this jail (default: every jail). */
  jail?: string;
  /** Epoch seconds that "still in force" is judged at. */
  now: number;
  /**
   * Cap restored ban lengths at the jail's current maximum (seconds): a ban recorded with a longer
   * or permanent bantime comes back with this one, and is dropped if that makes it expired.
   */
  maxBantime?: number;
}

/** Query for the ban count of an address. */
export interface BanCountQuery {
  /** Count in this jail only (ignored when `overall`). */
  jail?: string;
  /** Count across every jail (`bantime.overalljails`). */
  overall?: boolean;
  /** Only bans after this epoch second. */
  since?: number;
}

/** The ban database; a disabled one (`dbfile = None`, or an unusable file) has the same methods and stores nothing. */
export interface BanDatabase {
  /** Path, `:memory:`, or null when disabled. */
  readonly file: string | null;
  /** False when nothing is stored (disabled by configuration or after a failure). */
  readonly persistent: boolean;
  /** Why the database is disabled, when a failure disabled it. */
  readonly failure: DatabaseError | undefined;
  /** Seconds of ban history `purge` keeps (`dbpurgeage`). */
  readonly purgeAge: number;
  /** Matched lines kept per stored ban (`dbmaxmatches`). */
  readonly maxMatches: number;

  /** Changes `purgeAge` (seconds, >= 0) for the next `purge`; throws `RangeError` otherwise. */
  setPurgeAge(seconds: number): void;
  /** Changes `maxMatches` (integer >= 0) for the next stored or restored ban; throws `RangeError` otherwise. */
  setMaxMatches(count: number): void;

  /** Adds a jail, or enables it again. */
  addJail(name: string): void;
  /** Marks a jail disabled; `purge` removes it once it has no bans. */
  delJail(name: string): void;
  /** Marks every jail disabled (at start, before the configured jails are added). */
  disableAllJails(): void;
  jailNames(filter?: { enabled?: boolean }): string[];

  getLogPosition(jail: string, path: string): LogPosition | undefined;
  setLogPosition(jail: string, path: string, position: LogPosition): void;

  /** Queues a ban; bans queued in the same tick share one transaction. Resolves once committed (durable). */
  recordBan(ban: BanRecord): Promise<void>;
  /** Records bans in one transaction; durable when it returns. */
  recordBans(bans: readonly BanRecord[]): void;
  /** Forgets an address in a jail (a manual unban): not restored, and its ban count starts again. */
  removeBan(jail: string, ip: string): boolean;
  /** Bans still in force at `now`, oldest first. */
  currentBans(query: CurrentBansQuery): BanRecord[];
  banCount(ip: string, query?: BanCountQuery): BanCount | undefined;
  /** Removes ban history older than `purgeAge`, forgotten ban counts, and disabled jails without bans. */
  purge(now: number): PurgeResult;
  /**
   * Hands a failure nobody awaits to the database's `onError` (a process warning by default), for adapters
   * that write in the background, such as the guard store.
   */
  reportError(error: DatabaseError): void;
  /** Commits queued bans now. */
  flush(): Promise<void>;
  /** Commits queued bans and closes the file; later calls throw `DatabaseClosedError`. */
  close(): void;
}
