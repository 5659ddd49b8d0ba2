/** @module database: recording, restoring, counting and purging bans. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseClosedError, DatabaseWriteError, createPositionStore, openDatabase } from '@f2b/database';
import { ban, makeTempDir } from './helpers.js';

function openFile(options: { maxMatches?: number; purgeAge?: number } = {}) {
  const file = join(makeTempDir(), 'f2b.sqlite3');
  return { file, db: openDatabase({ file, onCorrupt: 'refuse', ...options }) };
}

describe('recording and restoring bans', () => {
  it('restores after reopening exactly the bans still in force, oldest first', async () => {
    const { file, db } = openFile();
    await Promise.all([
      db.recordBan(ban('192.0.2.1', { time: 1_000, bantime: 600 })),
      db.recordBan(ban('192.0.2.2', { time: 900, bantime: -1, bancount: 3, data: { failures: 5 } })),
      db.recordBan(ban('192.0.2.3', { time: 100, bantime: 600 })),
      db.recordBan(ban('2001:db8::1', { jail: 'nginx', time: 1_200, bantime: 40 })),
    ]);
    db.close();
    const again = openDatabase({ file, onCorrupt: 'refuse' });
    expect(again.currentBans({ now: 1_250 })).toEqual([
      ban('192.0.2.2', { time: 900, bantime: -1, bancount: 3, data: { failures: 5 } }),
      ban('192.0.2.1', { time: 1_000, bantime: 600 }),
    ]);
    expect(again.currentBans({ jail: 'nginx', now: 1_250 })).toEqual([]);
    expect(again.currentBans({ jail: 'nginx', now: 1_239 }).map((b) => b.ip)).toEqual(['2001:db8::1']);
    again.close();
  });

  it('caps restored ban lengths at the jail maximum and drops bans that cap expires', () => {
    const { db } = openFile();
    db.recordBans([
      ban('192.0.2.1', { time: 0, bantime: -1 }),
      ban('192.0.2.2', { time: 0, bantime: 10_000 }),
      ban('192.0.2.3', { time: 900, bantime: 10_000 }),
    ]);
    const restored = db.currentBans({ jail: 'sshd', now: 1_000, maxBantime: 3_600 });
    expect(restored.map((b) => [b.ip, b.bantime])).toEqual([
      ['192.0.2.1', 3_600],
      ['192.0.2.2', 3_600],
      ['192.0.2.3', 3_600],
    ]);
    expect(db.currentBans({ now: 4_000, maxBantime: 3_600 }).map((b) => b.ip)).toEqual(['192.0.2.3']);
  });

  it('keeps only the last dbmaxmatches matched lines, or none when it is 0', () => {
    const matches = ['l1', 'l2', 'l3', 'l4'];
    const { db } = openFile({ maxMatches: 2 });
    db.recordBans([ban('192.0.2.1', { data: { matches, failures: 4 } })]);
    expect(db.currentBans({ now: 1_000 })[0]?.data).toEqual({ matches: ['l3', 'l4'], failures: 4 });
    const none = openFile({ maxMatches: 0 }).db;
    none.recordBans([ban('192.0.2.1', { data: { matches, failures: 4 } })]);
    expect(none.currentBans({ now: 1_000 })[0]?.data).toEqual({ failures: 4 });
  });

  it('changes dbmaxmatches and dbpurgeage of an open database for the next ban and the next purge', () => {
    const matches = ['l1', 'l2', 'l3', 'l4'];
    const { db } = openFile({ maxMatches: 10, purgeAge: 100_000 });
    db.setMaxMatches(1);
    expect(db.maxMatches).toBe(1);
    db.recordBans([ban('192.0.2.1', { time: 0, bantime: 100, data: { matches } })]);
    expect(db.currentBans({ now: 50 })[0]?.data).toEqual({ matches: ['l4'] });
    expect(db.purge(5_000).bans).toBe(0);
    db.setPurgeAge(1_000);
    expect(db.purgeAge).toBe(1_000);
    expect(db.purge(5_000).bans).toBe(1);
    expect(() => db.setMaxMatches(-1)).toThrow(RangeError);
    expect(() => db.setMaxMatches(1.5)).toThrow(RangeError);
    expect(() => db.setPurgeAge(Number.NaN)).toThrow(RangeError);
    expect([db.maxMatches, db.purgeAge]).toEqual([1, 1_000]);
    const disabled = openDatabase({ file: null, maxMatches: 3 });
    disabled.setMaxMatches(5);
    disabled.setPurgeAge(60);
    expect([disabled.maxMatches, disabled.purgeAge]).toEqual([5, 60]);
    expect(() => disabled.setPurgeAge(-1)).toThrow(RangeError);
  });

  it('stores attacker-written text as data, never as SQL', () => {
    const { db } = openFile();
    const hostile = `'); DROP TABLE bans; --\u0000\u202e`;
    db.recordBans([ban(`192.0.2.1'--`, { jail: `sshd"`, data: { matches: [hostile] } })]);
    const [restored] = db.currentBans({ now: 1_000 });
    expect(restored).toMatchObject({ ip: `192.0.2.1'--`, jail: `sshd"`, data: { matches: [hostile] } });
  });

  it('rejects records that would store nonsense, naming the field', async () => {
    const { file, db } = openFile();
    await expect(db.recordBan(ban('192.0.2.1', { bantime: -5 }))).rejects.toThrow(
      `${file}: cannot record ban: ban of 192.0.2.1: bantime must be seconds >= 0, or -1 for permanent`,
    );
    expect(() => db.recordBans([ban('')])).toThrow(DatabaseWriteError);
  });
});

describe('the write queue', () => {
  it('commits bans queued in one tick in one transaction and resolves after the commit', async () => {
    const { file, db } = openFile();
    const pending = Array.from({ length: 500 }, (_, i) => db.recordBan(ban(`10.0.${i >> 8}.${i & 255}`)));
    // Nothing is committed yet: a second connection sees no rows until the promises settle.
    const reader = openDatabase({ file, onCorrupt: 'refuse' });
    expect(reader.currentBans({ now: 1_000 })).toHaveLength(0);
    await Promise.all(pending);
    expect(reader.currentBans({ now: 1_000 })).toHaveLength(500);
    reader.close();
  });

  it('orders a removal after an earlier queued ban of the same address', () => {
    const { db } = openFile();
    void db.recordBan(ban('192.0.2.1'));
    expect(db.removeBan('sshd', '192.0.2.1')).toBe(true);
    expect(db.currentBans({ now: 1_000 })).toEqual([]);
    expect(db.banCount('192.0.2.1', { jail: 'sshd' })).toBeUndefined();
  });

  it('rejects use after close, naming the file', async () => {
    const { file, db } = openFile();
    db.close();
    await expect(db.recordBan(ban('192.0.2.1'))).rejects.toBeInstanceOf(DatabaseClosedError);
    expect(() => db.currentBans({ now: 0 })).toThrow(`${file}: database is closed`);
  });
});

describe('ban counts for bantime.increment', () => {
  it('gives the latest ban per jail, and sums across jails for overalljails', () => {
    const { db } = openFile();
    db.recordBans([
      ban('192.0.2.1', { time: 100, bancount: 1 }),
      ban('192.0.2.1', { time: 800, bancount: 2, bantime: 1_200 }),
      ban('192.0.2.1', { jail: 'nginx', time: 500, bancount: 4, bantime: 60 }),
    ]);
    expect(db.banCount('192.0.2.1', { jail: 'sshd' })).toEqual({ bancount: 2, time: 800, bantime: 1_200 });
    expect(db.banCount('192.0.2.1', { overall: true })).toEqual({ bancount: 6, time: 800, bantime: 1_200 });
    expect(db.banCount('192.0.2.1', { jail: 'nginx', since: 500 })).toBeUndefined();
    expect(db.banCount('192.0.2.9')).toBeUndefined();
  });

  it('never lets an older ban replace a newer one', () => {
    const { db } = openFile();
    db.recordBans([ban('192.0.2.1', { time: 900, bancount: 3 })]);
    db.recordBans([ban('192.0.2.1', { time: 100, bancount: 1 })]);
    expect(db.banCount('192.0.2.1', { jail: 'sshd' })).toMatchObject({ bancount: 3, time: 900 });
  });
});

describe('jails, log positions and purge', () => {
  it('keeps log positions per jail through the position store adapter', () => {
    const { file, db } = openFile();
    const store = createPositionStore(db, 'sshd');
    expect(store.get('/var/log/auth.log')).toBeUndefined();
    store.set('/var/log/auth.log', { hash: 'aa', pos: 10 });
    store.set('/var/log/auth.log', { hash: 'bb', pos: 20 });
    expect(store.get('/var/log/auth.log')).toEqual({ hash: 'bb', pos: 20 });
    expect(createPositionStore(db, 'nginx').get('/var/log/auth.log')).toBeUndefined();
    db.close();
    const again = openDatabase({ file, onCorrupt: 'refuse' });
    expect(createPositionStore(again, 'sshd').get('/var/log/auth.log')).toEqual({ hash: 'bb', pos: 20 });
    again.close();
  });

  it('purges old history, forgotten counts, and disabled jails with their logs', () => {
    const { db } = openFile({ purgeAge: 1_000 });
    db.addJail('sshd');
    db.addJail('old');
    db.setLogPosition('old', '/var/log/old.log', { hash: 'x', pos: 1 });
    db.recordBans([
      ban('192.0.2.1', { time: 0, bantime: 100 }),
      ban('192.0.2.2', { time: 0, bantime: -1 }),
      ban('192.0.2.3', { time: 4_000, bantime: 100 }),
    ]);
    db.delJail('old');
    expect(db.jailNames({ enabled: false })).toEqual(['old']);
    expect(db.purge(5_000)).toEqual({ bans: 2, banCounts: 1, jails: 1, logs: 1 });
    expect(db.jailNames()).toEqual(['sshd']);
    expect(db.banCount('192.0.2.1', { jail: 'sshd' })).toBeUndefined();
    expect(db.banCount('192.0.2.2', { jail: 'sshd' })).toMatchObject({ bantime: -1 });
    expect(db.currentBans({ now: 5_000 }).map((b) => b.ip)).toEqual(['192.0.2.2']);
  });

  it('disables every jail at once and enables a jail again when it is added', () => {
    const { db } = openFile();
    db.addJail('a');
    db.addJail('b');
    db.disableAllJails();
    db.addJail('b');
    expect(db.jailNames({ enabled: true })).toEqual(['b']);
    expect(db.jailNames({ enabled: false })).toEqual(['a']);
  });
});

describe('special dbfile values', () => {
  it('keeps bans in memory for :memory:', () => {
    const db = openDatabase({ file: ':memory:' });
    db.recordBans([ban('192.0.2.1')]);
    expect(db.persistent).toBe(true);
    expect(db.currentBans({ now: 1_000 })).toHaveLength(1);
  });

  it.each([null, 'None', 'none'])('stores nothing and reports no failure for %s', async (file) => {
    const db = openDatabase({ file });
    await db.recordBan(ban('192.0.2.1'));
    expect(db.persistent).toBe(false);
    expect(db.failure).toBeUndefined();
    expect(db.currentBans({ now: 1_000 })).toEqual([]);
  });
});
