/** @module import-fail2ban: importing databases written by Fail2Ban itself. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PYTHON, fail2banAvailable } from '@f2b/test-utils';
import { type BanDatabase, importFail2banDb, openDatabase } from '@f2b/database';
import { makeTempDir } from './helpers.js';

const MAKE_DB = fileURLToPath(new URL('./fixtures/make-fail2ban-db.py', import.meta.url));
const FAIL2BAN_DB_MODULE = '/usr/lib/python3/dist-packages/fail2ban/server/database.py';
const canRunFail2ban = fail2banAvailable() && existsSync(PYTHON) && existsSync(FAIL2BAN_DB_MODULE);
if (!canRunFail2ban) console.log(`import-fail2ban: skipping differential cases: Fail2Ban (${FAIL2BAN_DB_MODULE}) is not installed`);

const NOW = 1_700_000_000;
const SPEC = {
  jails: [{ name: 'sshd' }, { name: 'nginx-http-auth' }],
  bans: [
    { jail: 'sshd', ip: '192.0.2.10', time: NOW - 7_200, bantime: 600, bancount: 1, matches: ['m1', 'm2'], failures: 2 },
    { jail: 'sshd', ip: '192.0.2.10', time: NOW - 100, bantime: 1_200, bancount: 2, matches: ['m3'], failures: 5 },
    { jail: 'sshd', ip: '2001:db8::7', time: NOW - 50_000, bantime: -1, bancount: 4, matches: [], failures: 3 },
    { jail: 'sshd', ip: '198.51.100.3', time: NOW - 5_000, bantime: 600, bancount: 1, matches: ['old'], failures: 1 },
    {
      jail: 'nginx-http-auth',
      ip: '192.0.2.10',
      time: NOW - 30,
      bantime: 3_600,
      bancount: 3,
      matches: Array.from({ length: 15 }, (_, i) => `line ${i} 'quoted' "x" \u00e9`),
      failures: 15,
    },
  ],
  logs: [{ jail: 'sshd', path: '/var/log/auth.log', hash: 'd41d8cd98f00b204e9800998ecf8427e', pos: 4_096 }],
};

function makeFail2banDb(): string {
  const file = join(makeTempDir(), 'fail2ban.sqlite3');
  execFileSync(PYTHON, [MAKE_DB, file], { input: JSON.stringify(SPEC), stdio: ['pipe', 'ignore', 'pipe'] });
  return file;
}

function snapshot(db: BanDatabase) {
  return { current: db.currentBans({ now: NOW }), overall: db.banCount('192.0.2.10', { overall: true }) };
}

describe.runIf(canRunFail2ban)('importing a database written by Fail2Ban itself', () => {
  it('brings bans in force, ban counts and log positions across', () => {
    const source = makeFail2banDb();
    const target = openDatabase({ file: join(makeTempDir(), 'f2b.sqlite3'), onCorrupt: 'refuse', maxMatches: 10 });
    expect(importFail2banDb(source, target)).toEqual({ jails: 2, bans: 5, banCounts: 4, logs: 1, skipped: 0 });
    expect(target.currentBans({ now: NOW }).map((b) => [b.jail, b.ip, b.time, b.bantime, b.bancount])).toEqual([
      ['sshd', '2001:db8::7', NOW - 50_000, -1, 4],
      ['sshd', '192.0.2.10', NOW - 100, 1_200, 2],
      ['nginx-http-auth', '192.0.2.10', NOW - 30, 3_600, 3],
    ]);
    const nginx = target.currentBans({ jail: 'nginx-http-auth', now: NOW })[0];
    expect(nginx?.data).toEqual({ matches: SPEC.bans[4]!.matches.slice(-10), failures: 15 });
    expect(target.banCount('192.0.2.10', { jail: 'sshd' })).toEqual({ bancount: 2, time: NOW - 100, bantime: 1_200 });
    expect(target.banCount('192.0.2.10', { overall: true })).toEqual({ bancount: 5, time: NOW - 30, bantime: 3_600 });
    expect(target.banCount('198.51.100.3', { jail: 'sshd' })).toMatchObject({ bancount: 1 });
    expect(target.getLogPosition('sshd', '/var/log/auth.log')).toEqual({ hash: SPEC.logs[0]!.hash, pos: 4_096 });
    expect(target.jailNames({ enabled: true })).toEqual(['nginx-http-auth', 'sshd']);
  });

  it('changes nothing when the same file is imported twice', () => {
    const source = makeFail2banDb();
    const target = openDatabase({ file: ':memory:' });
    importFail2banDb(source, target);
    const once = snapshot(target);
    importFail2banDb(source, target, { batchSize: 2 });
    expect(snapshot(target)).toEqual(once);
  });
});

describe('importing something that is not a Fail2Ban v4 database', () => {
  function makeWith(sql: string): string {
    const file = join(makeTempDir(), 'other.sqlite3');
    const raw = new Sqlite(file);
    raw.exec(sql);
    raw.close();
    return file;
  }

  it.each([
    { name: 'a missing file', make: () => join(makeTempDir(), 'missing.sqlite3'), message: 'cannot open Fail2Ban database (unable to open database file)' },
    { name: 'an f2b database', make: () => makeWith('CREATE TABLE f2b_schema(version INTEGER);'), message: 'is not a Fail2Ban database (no fail2banDb table)' },
    {
      name: 'an old Fail2Ban schema',
      make: () => makeWith('CREATE TABLE fail2banDb(version INTEGER); INSERT INTO fail2banDb VALUES (2);'),
      message: 'Fail2Ban schema v2 is not supported (expected v4; start Fail2Ban once to upgrade it)',
    },
  ])('$name: one clear line naming the file', ({ make, message }) => {
    const file = make();
    const target = openDatabase({ file: ':memory:' });
    expect(() => importFail2banDb(file, target)).toThrow(expect.objectContaining({ code: 'E_F2B_IMPORT', message: `${file}: ${message}` }));
  });
});
