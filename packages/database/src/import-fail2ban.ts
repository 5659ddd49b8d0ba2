/** @module import-fail2ban: brings bans, ban counts and log positions across from a Fail2Ban (schema v4) database. */
import Sqlite from 'better-sqlite3';
import { Fail2banImportError, describeCause } from './errors.js';
import { parseBanData } from './_records.js';
import type { BanDatabase, BanRecord } from './types.js';

/** The only Fail2Ban schema read; Fail2Ban upgrades older files itself when it opens them. */
export const FAIL2BAN_SCHEMA_VERSION = 4;

/** Options of `importFail2banDb`. */
export interface ImportFail2banOptions {
  /** Seconds used for bans Fail2Ban marked "unknown bantime" (-2, left by its own v2 upgrade); default 600. */
  unknownBantime?: number;
  /** Bans written per transaction (default 10,000). */
  batchSize?: number;
}

/** What an import brought across. */
export interface ImportFail2banResult {
  jails: number;
  /** Rows of ban history. */
  bans: number;
  /** Latest ban per address and jail, with its count (what restores and `bantime.increment` use). */
  banCounts: number;
  logs: number;
  /** Rows without an address or jail, which nothing can use. */
  skipped: number;
}

interface Fail2banBanRow {
  jail: string | null;
  ip: string | null;
  timeofban: number | null;
  bantime: number | null;
  bancount: number | null;
  data: unknown;
}

/**
 * Reads `fail2banFile` (opened read-only: Fail2Ban may still be running) and records what it holds into
 * `target`. Importing the same file twice changes nothing the second time.
 */
export function importFail2banDb(
  fail2banFile: string,
  target: BanDatabase,
  options: ImportFail2banOptions = {},
): ImportFail2banResult {
  const source = openFail2banDb(fail2banFile);
  try {
    const result: ImportFail2banResult = { jails: 0, bans: 0, banCounts: 0, logs: 0, skipped: 0 };
    const jails = source.prepare('SELECT name FROM jails WHERE enabled = 1').all() as { name: string }[];
    for (const { name } of jails) target.addJail(name);
    result.jails = jails.length;

    const convert = (row: Fail2banBanRow): BanRecord | undefined => toBanRecord(row, options.unknownBantime ?? 600);
    // History first, then the latest bans: a later import of the same jail/ip never goes back in time.
    const batchSize = options.batchSize ?? 10_000;
    for (const [table, key] of [
      ['bans', 'bans'],
      ['bips', 'banCounts'],
    ] as const) {
      let batch: BanRecord[] = [];
      const query = source.prepare(`SELECT jail, ip, timeofban, bantime, bancount, data FROM ${table} ORDER BY timeofban`);
      for (const row of query.iterate() as IterableIterator<Fail2banBanRow>) {
        const ban = convert(row);
        if (!ban) {
          result.skipped++;
          continue;
        }
        batch.push(ban);
        result[key]++;
        if (batch.length >= batchSize) {
          target.recordBans(batch);
          batch = [];
        }
      }
      target.recordBans(batch);
    }

    const logs = source.prepare('SELECT jail, path, firstlinemd5, lastfilepos FROM logs').all() as {
      jail: string | null;
      path: string | null;
      firstlinemd5: string | null;
      lastfilepos: number | null;
    }[];
    for (const log of logs) {
      if (!log.jail || !log.path) {
        result.skipped++;
        continue;
      }
      target.setLogPosition(log.jail, log.path, { hash: log.firstlinemd5 ?? '', pos: log.lastfilepos ?? 0 });
      result.logs++;
    }
    // Reading positions back flushes them, so a failure surfaces here rather than later.
    if (logs.length > 0) target.jailNames();
    return result;
  } finally {
    source.close();
  }
}

function openFail2banDb(file: string): Sqlite.Database {
  let source: Sqlite.Database;
  try {
    source = new Sqlite(file, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw new Fail2banImportError(file, `cannot open Fail2Ban database (${describeCause(cause)})`, { cause });
  }
  try {
    const tables = new Set(
      (source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    if (!tables.has('fail2banDb')) throw new Fail2banImportError(file, 'is not a Fail2Ban database (no fail2banDb table)');
    const version = (source.prepare('SELECT version FROM fail2banDb LIMIT 1').get() as { version: number } | undefined)
      ?.version;
    if (version !== FAIL2BAN_SCHEMA_VERSION) {
      throw new Fail2banImportError(
        file,
        `Fail2Ban schema v${version ?? '?'} is not supported (expected v${FAIL2BAN_SCHEMA_VERSION}; start Fail2Ban once to upgrade it)`,
      );
    }
    return source;
  } catch (cause) {
    source.close();
    if (cause instanceof Fail2banImportError) throw cause;
    throw new Fail2banImportError(file, `cannot read Fail2Ban database (${describeCause(cause)})`, { cause });
  }
}

function toBanRecord(row: Fail2banBanRow, unknownBantime: number): BanRecord | undefined {
  if (!row.jail || !row.ip || row.timeofban === null) return undefined;
  // Python stores the JSON as UTF-8 bytes, so it comes back as a Buffer (or text from older versions).
  const text = Buffer.isBuffer(row.data) ? row.data.toString('utf8') : typeof row.data === 'string' ? row.data : '{}';
  const bantime = row.bantime === null || row.bantime < -1 ? unknownBantime : row.bantime;
  return {
    jail: row.jail,
    ip: row.ip,
    time: row.timeofban,
    bantime,
    bancount: Math.max(1, row.bancount ?? 1),
    data: parseBanData(text),
  };
}
