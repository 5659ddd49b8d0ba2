/** @module _schema: the schema as numbered migrations, version detection, and a backup before any upgrade. */
import { existsSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseMigrationError, DatabaseSchemaError, describeCause } from './errors.js';

type Sqlite = BetterSqlite3.Database;

/** One step from `version - 1` to `version`; steps run inside the same transaction as the version bump. */
interface Migration {
  readonly version: number;
  readonly summary: string;
  readonly up: (db: Sqlite) => void;
}

// Never edit a released step: existing files were built by it. Add a new one instead.
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    summary: 'jails, log positions, ban history and the latest ban per address',
    up: (db) =>
      db.exec(`
        CREATE TABLE jails(name TEXT PRIMARY KEY, enabled INTEGER NOT NULL DEFAULT 1);
        CREATE TABLE logs(
          jail TEXT NOT NULL REFERENCES jails(name) ON DELETE CASCADE,
          path TEXT NOT NULL, hash TEXT NOT NULL, pos INTEGER NOT NULL,
          PRIMARY KEY(jail, path));
        CREATE TABLE bans(
          jail TEXT NOT NULL, ip TEXT NOT NULL, time REAL NOT NULL, bantime INTEGER NOT NULL,
          bancount INTEGER NOT NULL, data TEXT NOT NULL, UNIQUE(jail, ip, time));
        CREATE INDEX bans_time ON bans(time);
        CREATE TABLE current_bans(
          jail TEXT NOT NULL, ip TEXT NOT NULL, time REAL NOT NULL, bantime INTEGER NOT NULL,
          bancount INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY(jail, ip));`),
  },
  {
    version: 2,
    // Restoring 100,000 bans must not scan expired rows kept only for their counts.
    summary: 'end of ban column and indexes for restore and overall ban counts',
    up: (db) =>
      db.exec(`
        ALTER TABLE current_bans ADD COLUMN end_time REAL;
        UPDATE current_bans SET end_time = CASE WHEN bantime < 0 THEN NULL ELSE time + bantime END;
        CREATE INDEX current_bans_end ON current_bans(end_time);
        CREATE INDEX current_bans_ip ON current_bans(ip);`),
  },
  {
    version: 3,
    // @f2b/fleet: events waiting for Redis, and how far the shared stream has been read.
    summary: 'fleet outbox, read position and senders',
    up: (db) =>
      db.exec(`
        CREATE TABLE fleet_outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT NULL);
        CREATE TABLE fleet_state(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE fleet_senders(sender TEXT PRIMARY KEY, seq INTEGER NOT NULL);`),
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Reads the stored version: 0 for an empty file; throws for a file that is not ours. */
export function readSchemaVersion(db: Sqlite, file: string): number {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
    (row) => row.name,
  );
  if (tables.includes('f2b_schema')) {
    const row = db.prepare('SELECT version FROM f2b_schema').get() as { version: number } | undefined;
    if (!row) throw new DatabaseSchemaError(file, 'schema version row is missing');
    return row.version;
  }
  if (tables.includes('fail2banDb')) {
    throw new DatabaseSchemaError(
      file,
      `is a Fail2Ban database; import it with 'f2b-client import-fail2ban-db ${file}' and set dbfile to a new file`,
    );
  }
  if (tables.length > 0) {
    throw new DatabaseSchemaError(file, `is not an f2b database (it has tables: ${tables.slice(0, 5).join(', ')})`);
  }
  return 0;
}

/** `<file>.<YYYYmmddHHMMSS>.bak` (UTC), with a counter if that name is taken. */
export function backupFileName(file: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  let name = `${file}.${stamp}.bak`;
  for (let n = 1; existsSync(name); n++) name = `${file}.${stamp}-${n}.bak`;
  return name;
}

/**
 * Brings the schema to `SCHEMA_VERSION`. An existing file is first copied (VACUUM INTO gives a consistent
 * copy even with a WAL) so a failed or unwanted upgrade can be undone by hand. Returns the backup path.
 */
export function migrateSchema(db: Sqlite, file: string, nowMs: number): string | undefined {
  const from = readSchemaVersion(db, file);
  if (from > SCHEMA_VERSION) {
    throw new DatabaseSchemaError(file, `schema v${from} is newer than this f2b supports (v${SCHEMA_VERSION})`);
  }
  if (from === SCHEMA_VERSION) return undefined;
  let backup: string | undefined;
  if (from > 0 && file !== ':memory:') {
    backup = backupFileName(file, nowMs);
    try {
      db.prepare('VACUUM INTO ?').run(backup);
    } catch (cause) {
      throw new DatabaseMigrationError(file, `cannot write backup ${backup}: ${describeCause(cause)}`, { cause });
    }
  }
  const steps = MIGRATIONS.filter((step) => step.version > from);
  try {
    db.transaction(() => {
      if (from === 0) db.exec('CREATE TABLE f2b_schema(version INTEGER NOT NULL); INSERT INTO f2b_schema VALUES (0);');
      for (const step of steps) {
        step.up(db);
        db.prepare('UPDATE f2b_schema SET version = ?').run(step.version);
      }
    })();
  } catch (cause) {
    const where = backup ? `; the file is unchanged, backup at ${backup}` : '';
    throw new DatabaseMigrationError(
      file,
      `migration from schema v${from} to v${SCHEMA_VERSION} failed: ${describeCause(cause)}${where}`,
      { cause },
    );
  }
  return backup;
}
