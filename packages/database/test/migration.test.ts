/** @module migration: upgrading older schemas with a backup first. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, openDatabase } from '@f2b/database';
import { makeTempDir } from './helpers.js';

// The schema as the first release wrote it; kept here verbatim so the upgrade path stays tested.
const SCHEMA_V1 = `
  CREATE TABLE f2b_schema(version INTEGER NOT NULL); INSERT INTO f2b_schema VALUES (1);
  CREATE TABLE jails(name TEXT PRIMARY KEY, enabled INTEGER NOT NULL DEFAULT 1);
  CREATE TABLE logs(jail TEXT NOT NULL REFERENCES jails(name) ON DELETE CASCADE,
    path TEXT NOT NULL, hash TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY(jail, path));
  CREATE TABLE bans(jail TEXT NOT NULL, ip TEXT NOT NULL, time REAL NOT NULL, bantime INTEGER NOT NULL,
    bancount INTEGER NOT NULL, data TEXT NOT NULL, UNIQUE(jail, ip, time));
  CREATE INDEX bans_time ON bans(time);
  CREATE TABLE current_bans(jail TEXT NOT NULL, ip TEXT NOT NULL, time REAL NOT NULL, bantime INTEGER NOT NULL,
    bancount INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY(jail, ip));`;

const DATA_V1 = `
  INSERT INTO jails VALUES ('sshd', 1);
  INSERT INTO logs VALUES ('sshd', '/var/log/auth.log', 'abc', 77);
  INSERT INTO bans VALUES ('sshd', '192.0.2.1', 1000, 600, 2, '{"failures":3}');
  INSERT INTO current_bans VALUES ('sshd', '192.0.2.1', 1000, 600, 2, '{"failures":3}');
  INSERT INTO current_bans VALUES ('sshd', '192.0.2.2', 10, -1, 1, '{}');`;

// 2026-11-21 22:30:05 UTC
const NOW = Date.UTC(2026, 10, 21, 22, 30, 5);

function makeV1(sql = SCHEMA_V1 + DATA_V1): { dir: string; file: string } {
  const dir = makeTempDir();
  const file = join(dir, 'f2b.sqlite3');
  const raw = new Sqlite(file);
  raw.exec(sql);
  raw.close();
  return { dir, file };
}

function versionOf(file: string): number {
  const raw = new Sqlite(file, { readonly: true });
  try {
    return (raw.prepare('SELECT version FROM f2b_schema').get() as { version: number }).version;
  } finally {
    raw.close();
  }
}

describe('schema migrations', () => {
  it('upgrades a v1 file, keeping its data, after a timestamped backup', () => {
    const { file } = makeV1();
    const migrations: unknown[] = [];
    const db = openDatabase({ file, onCorrupt: 'refuse', now: () => NOW, onMigrate: (m) => migrations.push(m) });
    const backup = `${file}.20261121223005.bak`;
    expect(migrations).toEqual([{ file, from: 1, to: SCHEMA_VERSION, backup }]);
    expect(db.currentBans({ now: 1_500 })).toEqual([
      { jail: 'sshd', ip: '192.0.2.2', time: 10, bantime: -1, bancount: 1, data: {} },
      { jail: 'sshd', ip: '192.0.2.1', time: 1_000, bantime: 600, bancount: 2, data: { failures: 3 } },
    ]);
    // The computed end of ban is what restores use: the v1 ban has ended by 1,600.
    expect(db.currentBans({ now: 1_600 }).map((b) => b.ip)).toEqual(['192.0.2.2']);
    expect(db.getLogPosition('sshd', '/var/log/auth.log')).toEqual({ hash: 'abc', pos: 77 });
    db.close();
    expect(versionOf(file)).toBe(SCHEMA_VERSION);
    expect(versionOf(backup)).toBe(1);
  });

  it('does not overwrite an earlier backup made in the same second', () => {
    const { dir, file } = makeV1();
    const first = openDatabase({ file, onCorrupt: 'refuse', now: () => NOW });
    first.close();
    const raw = new Sqlite(file);
    raw.exec('UPDATE f2b_schema SET version = 1; DROP INDEX current_bans_end; DROP INDEX current_bans_ip;');
    raw.exec('DROP TABLE fleet_outbox; DROP TABLE fleet_state; DROP TABLE fleet_senders;');
    raw.exec('ALTER TABLE current_bans DROP COLUMN end_time;');
    raw.close();
    openDatabase({ file, onCorrupt: 'refuse', now: () => NOW }).close();
    expect(readdirSync(dir).filter((n) => n.endsWith('.bak')).sort()).toEqual([
      'f2b.sqlite3.20261121223005-1.bak',
      'f2b.sqlite3.20261121223005.bak',
    ]);
  });

  it('makes no backup for a new file', () => {
    const dir = makeTempDir();
    const migrations: unknown[] = [];
    openDatabase({ file: join(dir, 'new.sqlite3'), onMigrate: (m) => migrations.push(m) }).close();
    expect(migrations).toEqual([{ file: join(dir, 'new.sqlite3'), from: 0, to: SCHEMA_VERSION, backup: undefined }]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.bak'))).toEqual([]);
  });

  it('leaves the file at its old version when a step fails, and says where the backup is', () => {
    const { file } = makeV1(SCHEMA_V1.replace(/CREATE TABLE current_bans[^;]*;/, ''));
    const backup = `${file}.20261121223005.bak`;
    expect(() => openDatabase({ file, onCorrupt: 'refuse', now: () => NOW })).toThrow(
      expect.objectContaining({
        code: 'E_DB_MIGRATION',
        message: `${file}: migration from schema v1 to v${SCHEMA_VERSION} failed: no such table: current_bans; the file is unchanged, backup at ${backup}`,
      }),
    );
    expect(existsSync(backup)).toBe(true);
    expect(versionOf(file)).toBe(1);
  });
});
