/** @module open-database: opens `dbfile` (WAL, migrations) and decides what an unusable file means. */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { createDisabledDatabase, reportWarning } from './disabled-database.js';
import {
  DatabaseCorruptError,
  DatabaseError,
  DatabaseOpenError,
  describeCause,
} from './errors.js';
import { SCHEMA_VERSION, migrateSchema } from './_schema.js';
import { SqliteBanDatabase } from './_sqlite-database.js';
import type { BanDatabase } from './types.js';

/** Options of `openDatabase`, named after fail2ban.conf's settings where one exists. */
export interface OpenDatabaseOptions {
  /** `dbfile`: a path, `:memory:`, or null / `None` for no database. */
  file: string | null;
  /** `dbpurgeage` in seconds (default 86400). */
  purgeAge?: number;
  /** `dbmaxmatches`: matched lines kept per ban (default 10; 0 keeps none). */
  maxMatches?: number;
  /** An unusable file: `disable` (default) runs without persistence and reports it; `refuse` throws. */
  onCorrupt?: 'disable' | 'refuse';
  /** Receives every failure nobody awaits (default: a process warning on stderr). */
  onError?: (error: DatabaseError) => void;
  /** Receives each schema upgrade, with the backup made before it. */
  onMigrate?: (info: { file: string; from: number; to: number; backup: string | undefined }) => void;
  /**
   * `full` (default): each commit is fsynced — durable against power loss. `normal`: with WAL, a commit
   * survives a crash or SIGKILL of the process but may be lost on power failure; faster on slow disks.
   */
  synchronous?: 'full' | 'normal';
  /** Run SQLite's quick_check at open (default true); finds damage inside an otherwise valid file. */
  checkIntegrity?: boolean;
  /** Clock for backup names, epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

/** True for `dbfile` values that mean "no database". */
export function isDatabaseDisabled(file: string | null): boolean {
  return file === null || file.trim() === '' || file.trim().toLowerCase() === 'none';
}

/**
 * Opens the ban database. With `onCorrupt: 'disable'` an unusable file gives a disabled database whose
 * `failure` holds the error (also passed to `onError`); nothing is silently dropped.
 */
export function openDatabase(options: OpenDatabaseOptions): BanDatabase {
  const purgeAge = options.purgeAge ?? 86_400;
  const maxMatches = options.maxMatches ?? 10;
  const onError = options.onError ?? reportWarning;
  if (isDatabaseDisabled(options.file)) return createDisabledDatabase({ purgeAge, maxMatches, onError });
  const file = options.file as string;
  try {
    const db = openSqlite(file, options);
    return new SqliteBanDatabase(db, { file, purgeAge, maxMatches, onError });
  } catch (cause) {
    const error = classifyOpenError(file, cause);
    if (options.onCorrupt === 'refuse') throw error;
    onError(error);
    return createDisabledDatabase({ failure: error, purgeAge, maxMatches, onError });
  }
}

function openSqlite(file: string, options: OpenDatabaseOptions): Sqlite.Database {
  const memory = file === ':memory:';
  if (!memory) checkPath(file);
  const db = new Sqlite(file);
  try {
    db.pragma('busy_timeout = 5000');
    // The first statement that reads the file is where "not a database" shows up.
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    if (!memory && options.checkIntegrity !== false) {
      const problems = db.pragma('quick_check(3)', { simple: false }) as { quick_check: string }[];
      const first = problems[0]?.quick_check ?? 'no answer';
      if (first !== 'ok') throw new DatabaseCorruptError(file, `failed SQLite's integrity check: ${first}`);
    }
    const now = options.now ?? Date.now;
    const before = currentVersion(db);
    const backup = migrateSchema(db, file, now());
    if (before !== SCHEMA_VERSION) options.onMigrate?.({ file, from: before, to: SCHEMA_VERSION, backup });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function currentVersion(db: Sqlite.Database): number {
  try {
    return (db.prepare('SELECT version FROM f2b_schema').get() as { version: number } | undefined)?.version ?? 0;
  } catch {
    return 0;
  }
}

/** Clearer words than SQLite's "unable to open database file" for the usual mistakes. */
function checkPath(file: string): void {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw new DatabaseOpenError(file, 'is a directory, not a database file');
  if (!stat && !statSync(dirname(file), { throwIfNoEntry: false })?.isDirectory()) {
    throw new DatabaseOpenError(file, `cannot create database: directory ${dirname(file)} does not exist`);
  }
}

function classifyOpenError(file: string, cause: unknown): DatabaseError {
  if (cause instanceof DatabaseError) return cause;
  const code = (cause as { code?: unknown } | null)?.code;
  const text = describeCause(cause);
  if (code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) {
    return new DatabaseCorruptError(file, `not a usable SQLite database (${text})`, { cause });
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) {
    return new DatabaseOpenError(file, `cannot write to database (${text})`, { cause });
  }
  return new DatabaseOpenError(file, `cannot open database (${text})`, { cause });
}
