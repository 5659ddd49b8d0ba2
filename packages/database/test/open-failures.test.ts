/** @module open-failures: unusable files and failing writes are reported, never silently dropped. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, closeSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { type DatabaseError, SCHEMA_VERSION, openDatabase } from '@f2b/database';
import { ban, makeTempDir } from './helpers.js';

/** Opens with `disable` and returns the disabled database plus what `onError` was told. */
function openDisabled(file: string) {
  const reported: DatabaseError[] = [];
  const db = openDatabase({ file, onError: (e) => reported.push(e) });
  return { db, reported };
}

function makeDatabaseWith(sql: string): string {
  const file = join(makeTempDir(), 'db.sqlite3');
  const raw = new Sqlite(file);
  raw.exec(sql);
  raw.close();
  return file;
}

describe('an unusable database file', () => {
  const cases: { name: string; make: () => string; code: string; message: (file: string) => string }[] = [
    {
      name: 'random bytes',
      make: () => {
        const file = join(makeTempDir(), 'db.sqlite3');
        writeFileSync(file, randomBytes(8192));
        return file;
      },
      code: 'E_DB_CORRUPT',
      message: (f) => `${f}: not a usable SQLite database (file is not a database)`,
    },
    {
      name: 'a directory in place of the file',
      make: () => {
        const file = join(makeTempDir(), 'db.sqlite3');
        mkdirSync(file);
        return file;
      },
      code: 'E_DB_OPEN',
      message: (f) => `${f}: is a directory, not a database file`,
    },
    {
      name: 'a missing directory',
      make: () => join(makeTempDir(), 'nowhere', 'db.sqlite3'),
      code: 'E_DB_OPEN',
      message: (f) => `${f}: cannot create database: directory ${join(f, '..')} does not exist`,
    },
    {
      name: 'a newer schema',
      make: () => makeDatabaseWith('CREATE TABLE f2b_schema(version INTEGER NOT NULL); INSERT INTO f2b_schema VALUES (99);'),
      code: 'E_DB_SCHEMA',
      message: (f) => `${f}: schema v99 is newer than this f2b supports (v${SCHEMA_VERSION})`,
    },
    {
      name: "Fail2Ban's own database",
      make: () => makeDatabaseWith('CREATE TABLE fail2banDb(version INTEGER); INSERT INTO fail2banDb VALUES (4);'),
      code: 'E_DB_SCHEMA',
      message: (f) =>
        `${f}: is a Fail2Ban database; import it with 'f2b-client import-fail2ban-db ${f}' and set dbfile to a new file`,
    },
    {
      name: 'some other database',
      make: () => makeDatabaseWith('CREATE TABLE notes(body TEXT);'),
      code: 'E_DB_SCHEMA',
      message: (f) => `${f}: is not an f2b database (it has tables: notes)`,
    },
  ];

  it.each(cases)('$name: runs without persistence and reports one clear line', ({ make, code, message }) => {
    const file = make();
    const { db, reported } = openDisabled(file);
    expect(db.persistent).toBe(false);
    expect(db.failure?.code).toBe(code);
    expect(reported.map((e) => e.message)).toEqual([message(file)]);
    expect(message(file)).not.toContain('\n');
  });

  it.each(cases)('$name: throws the same error with onCorrupt refuse', ({ make, code, message }) => {
    const file = make();
    expect(() => openDatabase({ file, onCorrupt: 'refuse' })).toThrow(expect.objectContaining({ code, message: message(file) }));
  });

  it('finds damage inside an otherwise valid file', () => {
    const file = join(makeTempDir(), 'db.sqlite3');
    const db = openDatabase({ file, onCorrupt: 'refuse' });
    db.recordBans(Array.from({ length: 3_000 }, (_, i) => ban(`10.1.${i >> 8}.${i & 255}`, { data: { matches: ['x'.repeat(40)] } })));
    db.close();
    // Overwrite pages past the header (page 1), leaving the file recognisably SQLite.
    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(4096 * 6), 0, 4096 * 6, 4096 * 2);
    closeSync(fd);
    const { db: disabled, reported } = openDisabled(file);
    expect(disabled.persistent).toBe(false);
    expect(reported).toHaveLength(1);
    expect(reported[0]?.code).toBe('E_DB_CORRUPT');
    expect(reported[0]?.message.startsWith(`${file}: `)).toBe(true);
  });

  it('warns on stderr by default', () => {
    const file = join(makeTempDir(), 'db.sqlite3');
    writeFileSync(file, randomBytes(4096));
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      openDatabase({ file });
      expect(warn).toHaveBeenCalledWith(`${file}: not a usable SQLite database (file is not a database)`, {
        code: 'E_DB_CORRUPT',
      });
    } finally {
      warn.mockRestore();
    }
  });
});

describe('a write that fails while running', () => {
  it('rejects every ban of the failed batch and reports a failed position write', async () => {
    const file = join(makeTempDir(), 'db.sqlite3');
    const reported: DatabaseError[] = [];
    const db = openDatabase({ file, onCorrupt: 'refuse', onError: (e) => reported.push(e) });
    const vandal = new Sqlite(file);
    vandal.exec('DROP TABLE bans; DROP TABLE logs;');
    vandal.close();
    const batch = [db.recordBan(ban('192.0.2.1')), db.recordBan(ban('192.0.2.2'))];
    for (const pending of batch) {
      await expect(pending).rejects.toMatchObject({ code: 'E_DB_WRITE', message: expect.stringContaining('cannot record 2 ban(s)') });
    }
    db.setLogPosition('sshd', '/var/log/auth.log', { hash: 'h', pos: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(reported.map((e) => e.code)).toEqual(['E_DB_WRITE']);
    expect(reported[0]?.message).toMatch(new RegExp(`^${file}: cannot record 1 log position\\(s\\): `));
  });
});
