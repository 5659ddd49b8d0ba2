/** @module _sqlite-database: the ban database on better-sqlite3 (WAL, batched transactions). */
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseClosedError, type DatabaseError, DatabaseWriteError, describeCause } from './errors.js';
import { type BanRow, checkBanRecord, fromBanRow, toBanRow } from './_records.js';
import { type PendingPosition, WriteQueue } from './_write-queue.js';
import { checkMaxMatches, checkPurgeAge } from './_settings.js';
import type {
  BanCount,
  BanCountQuery,
  BanDatabase,
  BanRecord,
  CurrentBansQuery,
  LogPosition,
  PurgeResult,
} from './types.js';

type Sqlite = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

/** Settings the open step resolved. */
export interface SqliteSettings {
  file: string;
  purgeAge: number;
  maxMatches: number;
  /** Told about failures no caller is waiting for (a log position that could not be saved). */
  onError: (error: DatabaseError) => void;
}

const SQL = {
  addJail: `INSERT INTO jails(name, enabled) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET enabled = 1`,
  touchJail: `INSERT OR IGNORE INTO jails(name, enabled) VALUES (?, 1)`,
  delJail: `UPDATE jails SET enabled = 0 WHERE name = ?`,
  getLog: `SELECT hash, pos FROM logs WHERE jail = ? AND path = ?`,
  setLog: `INSERT INTO logs(jail, path, hash, pos) VALUES (?, ?, ?, ?)
    ON CONFLICT(jail, path) DO UPDATE SET hash = excluded.hash, pos = excluded.pos`,
  insertBan: `INSERT OR REPLACE INTO bans(jail, ip, time, bantime, bancount, data)
    VALUES (@jail, @ip, @time, @bantime, @bancount, @data)`,
  // A late-arriving older ban (e.g. from an import) must not replace a newer one.
  upsertCurrent: `INSERT INTO current_bans(jail, ip, time, bantime, bancount, data, end_time)
    VALUES (@jail, @ip, @time, @bantime, @bancount, @data, @end_time)
    ON CONFLICT(jail, ip) DO UPDATE SET time = excluded.time, bantime = excluded.bantime,
      bancount = excluded.bancount, data = excluded.data, end_time = excluded.end_time
    WHERE excluded.time >= current_bans.time`,
  delCurrent: `DELETE FROM current_bans WHERE jail = ? AND ip = ?`,
  delHistory: `DELETE FROM bans WHERE jail = ? AND ip = ?`,
  currentAll: `SELECT jail, ip, time, bantime, bancount, data FROM current_bans
    WHERE end_time IS NULL OR end_time > ? ORDER BY time, jail, ip`,
  currentJail: `SELECT jail, ip, time, bantime, bancount, data FROM current_bans
    WHERE jail = ? AND (end_time IS NULL OR end_time > ?) ORDER BY time, jail, ip`,
  countJail: `SELECT bancount, time, bantime FROM current_bans WHERE ip = ? AND jail = ? AND time > ?`,
  // SQLite takes bare columns (bantime) from the row holding max(time).
  countOverall: `SELECT sum(bancount) AS bancount, max(time) AS time, bantime FROM current_bans
    WHERE ip = ? AND time > ?`,
} as const;

/** The SQLite handle behind each open database, for adapters in this package (the fleet store). */
const handles = new WeakMap<BanDatabase, Sqlite>();

/** The SQLite handle of `db`, or undefined for a disabled database (or one that is not ours). */
export function sqliteHandleOf(db: BanDatabase): Sqlite | undefined {
  return handles.get(db);
}

export class SqliteBanDatabase implements BanDatabase {
  readonly file: string;
  readonly persistent = true;
  readonly failure = undefined;
  #purgeAge: number;
  #maxMatches: number;
  readonly #db: Sqlite;
  readonly #onError: (error: DatabaseError) => void;
  readonly #queue: WriteQueue;
  readonly #stmt: Record<keyof typeof SQL, Statement>;
  readonly #commitBatch: (bans: readonly BanRecord[], positions: readonly PendingPosition[]) => void;
  #closed = false;

  constructor(db: Sqlite, settings: SqliteSettings) {
    this.#db = db;
    handles.set(this, db);
    this.file = settings.file;
    this.#purgeAge = settings.purgeAge;
    this.#maxMatches = settings.maxMatches;
    this.#onError = settings.onError;
    this.#stmt = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Record<
      keyof typeof SQL,
      Statement
    >;
    this.#commitBatch = db.transaction((bans: readonly BanRecord[], positions: readonly PendingPosition[]) => {
      for (const { jail, path, position } of positions) {
        this.#stmt.touchJail.run(jail);
        this.#stmt.setLog.run(jail, path, position.hash, position.pos);
      }
      const jails = new Set<string>();
      for (const ban of bans) {
        if (!jails.has(ban.jail)) {
          jails.add(ban.jail);
          this.#stmt.touchJail.run(ban.jail);
        }
        const row = toBanRow(ban, this.maxMatches);
        this.#stmt.insertBan.run(row);
        this.#stmt.upsertCurrent.run(row);
      }
    });
    this.#queue = new WriteQueue((bans, positions) => {
      const what = [bans.length ? `${bans.length} ban(s)` : '', positions.length ? `${positions.length} log position(s)` : '']
        .filter(Boolean)
        .join(' and ');
      this.#write(`cannot record ${what}`, () => this.#commitBatch(bans, positions));
    });
  }

  addJail(name: string): void {
    this.#writeNow(`cannot add jail '${name}'`, () => this.#stmt.addJail.run(name));
  }

  delJail(name: string): void {
    this.#writeNow(`cannot disable jail '${name}'`, () => this.#stmt.delJail.run(name));
  }

  disableAllJails(): void {
    this.#writeNow('cannot disable jails', () => this.#db.exec('UPDATE jails SET enabled = 0'));
  }

  jailNames(filter: { enabled?: boolean } = {}): string[] {
    this.#ready();
    const rows = this.#db.prepare('SELECT name, enabled FROM jails ORDER BY name').all() as {
      name: string;
      enabled: number;
    }[];
    return rows.filter((r) => filter.enabled === undefined || Boolean(r.enabled) === filter.enabled).map((r) => r.name);
  }

  getLogPosition(jail: string, path: string): LogPosition | undefined {
    this.#ready();
    return this.#stmt.getLog.get(jail, path) as LogPosition | undefined;
  }

  setLogPosition(jail: string, path: string, position: LogPosition): void {
    this.#checkOpen();
    // Nobody awaits a position, so a failure goes to onError (ban waiters of the same batch see it too).
    this.#queue.setPosition(jail, path, { hash: position.hash, pos: position.pos }).catch((error: unknown) => {
      if (error instanceof DatabaseWriteError) this.#onError(error);
    });
  }

  recordBan(ban: BanRecord): Promise<void> {
    if (this.#closed) return Promise.reject(new DatabaseClosedError(this.file, 'database is closed'));
    const problem = checkBanRecord(ban);
    if (problem) return Promise.reject(new DatabaseWriteError(this.file, `cannot record ban: ${problem}`));
    return this.#queue.addBan(ban);
  }

  recordBans(bans: readonly BanRecord[]): void {
    this.#ready();
    for (const ban of bans) {
      const problem = checkBanRecord(ban);
      if (problem) throw new DatabaseWriteError(this.file, `cannot record bans: ${problem}`);
    }
    this.#write(`cannot record ${bans.length} ban(s)`, () => this.#commitBatch(bans, []));
  }

  removeBan(jail: string, ip: string): boolean {
    return this.#writeNow(`cannot remove ban of ${ip} in jail '${jail}'`, () =>
      this.#db.transaction(() => {
        const current = this.#stmt.delCurrent.run(jail, ip).changes;
        return current + this.#stmt.delHistory.run(jail, ip).changes > 0;
      })(),
    );
  }

  currentBans(query: CurrentBansQuery): BanRecord[] {
    this.#ready();
    const rows = (
      query.jail === undefined ? this.#stmt.currentAll.all(query.now) : this.#stmt.currentJail.all(query.jail, query.now)
    ) as Omit<BanRow, 'end_time'>[];
    const cap = query.maxBantime;
    const result: BanRecord[] = [];
    for (const row of rows) {
      const ban = fromBanRow(row, this.maxMatches);
      if (cap !== undefined && cap >= 0 && (ban.bantime < 0 || ban.bantime > cap)) {
        ban.bantime = cap;
        if (ban.time + cap <= query.now) continue;
      }
      result.push(ban);
    }
    return result;
  }

  banCount(ip: string, query: BanCountQuery = {}): BanCount | undefined {
    this.#ready();
    const since = query.since ?? -Infinity;
    const row = (
      query.overall || query.jail === undefined
        ? this.#stmt.countOverall.get(ip, since)
        : this.#stmt.countJail.get(ip, query.jail, since)
    ) as { bancount: number | null; time: number | null; bantime: number | null } | undefined;
    if (!row || row.bancount === null || row.time === null || row.bantime === null) return undefined;
    return { bancount: row.bancount, time: row.time, bantime: row.bantime };
  }

  get purgeAge(): number {
    return this.#purgeAge;
  }

  get maxMatches(): number {
    return this.#maxMatches;
  }

  setPurgeAge(seconds: number): void {
    this.#purgeAge = checkPurgeAge(seconds);
  }

  setMaxMatches(count: number): void {
    this.#maxMatches = checkMaxMatches(count);
  }

  purge(now: number): PurgeResult {
    const cutoff = now - this.purgeAge;
    return this.#writeNow('cannot purge', () =>
      this.#db.transaction((): PurgeResult => {
        const count = (table: string): number =>
          (this.#db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        const logsBefore = count('logs');
        const bans = this.#db.prepare('DELETE FROM bans WHERE time < ?').run(cutoff).changes;
        // A count is forgotten once its ban ended more than purgeAge ago; permanent bans are kept.
        const banCounts = this.#db
          .prepare('DELETE FROM current_bans WHERE end_time IS NOT NULL AND end_time < ?')
          .run(cutoff).changes;
        const jails = this.#db
          .prepare(
            `DELETE FROM jails WHERE enabled = 0
              AND NOT EXISTS (SELECT 1 FROM current_bans WHERE jail = jails.name)
              AND NOT EXISTS (SELECT 1 FROM bans WHERE jail = jails.name)`,
          )
          .run().changes;
        return { bans, banCounts, jails, logs: logsBefore - count('logs') };
      })(),
    );
  }

  reportError(error: DatabaseError): void {
    this.#onError(error);
  }

  flush(): Promise<void> {
    if (this.#closed) return Promise.reject(new DatabaseClosedError(this.file, 'database is closed'));
    try {
      this.#queue.flushSync();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  close(): void {
    if (this.#closed) return;
    try {
      this.#queue.flushSync();
    } finally {
      this.#closed = true;
      this.#db.close();
    }
  }

  /** Open, and earlier queued writes committed, so reads and removals see them. */
  #ready(): void {
    this.#checkOpen();
    this.#queue.flushSync();
  }

  #checkOpen(): void {
    if (this.#closed) throw new DatabaseClosedError(this.file, 'database is closed');
  }

  #writeNow<T>(what: string, fn: () => T): T {
    this.#ready();
    return this.#write(what, fn);
  }

  #write<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (cause) {
      throw new DatabaseWriteError(this.file, `${what}: ${describeCause(cause)}`, { cause });
    }
  }
}
