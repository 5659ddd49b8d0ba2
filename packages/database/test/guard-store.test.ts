/** @module guard-store: the guard's bans survive a restart through a real SQLite file. */
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createGuard, type GuardOptions } from '@f2b/jail';
import {
  DatabaseClosedError,
  type DatabaseError,
  createDisabledDatabase,
  createGuardStore,
  openDatabase,
} from '@f2b/database';
import { WriteQueue } from '../src/_write-queue.js';
import { ban, makeTempDir } from './helpers.js';

const IP = '192.0.2.7';
const START = 1_700_000_000;

/** A database file, a clock, and guard options that ban on the third attempt for 100 s. */
function setup(guardOptions: GuardOptions = {}) {
  const file = join(makeTempDir(), 'guard.sqlite3');
  const clock = { t: START };
  const now = () => clock.t;
  const errors: DatabaseError[] = [];
  const open = () => openDatabase({ file, onCorrupt: 'refuse', onError: (e) => errors.push(e) });
  const options: GuardOptions = { maxAttempts: 2, window: 30, initialBan: 100, banIncrement: 0, now, ...guardOptions };
  return { file, clock, now, errors, open, options };
}

/** Attempts from `ip` until the guard refuses one; returns how many were accepted. */
function attackUntilBanned(guard: (ip: string) => boolean, ip = IP): number {
  let accepted = 0;
  while (guard(ip)) accepted++;
  return accepted;
}

describe('createGuardStore', () => {
  it('keeps a ban across a restart, refusing the address until the ban ends', () => {
    const { clock, now, open, options, errors } = setup();
    const db = open();
    const store = createGuardStore(db, { now });
    const guard = createGuard({ ...options, bans: store.bans(), onBan: store.onBan });
    expect(attackUntilBanned(guard)).toBe(2);
    expect(guard('192.0.2.8')).toBe(true);
    db.close(); // commits the ban still queued

    clock.t = START + 50;
    const db2 = open();
    const store2 = createGuardStore(db2, { now });
    expect(store2.bans()).toEqual([{ ip: IP, until: START + 100 }]);
    const restarted = createGuard({ ...options, bans: store2.bans(), onBan: store2.onBan });
    expect(restarted(IP)).toBe(false);
    expect(restarted('192.0.2.8')).toBe(true);
    clock.t = START + 100;
    expect(restarted(IP)).toBe(true);
    expect(store2.bans()).toEqual([]);
    db2.close();
    expect(errors).toEqual([]);
  });

  it('restores a ban that grew with its latest end, as one ban from its start', () => {
    const { file, clock, now, open, options } = setup({ banIncrement: 60 });
    const db = open();
    const store = createGuardStore(db, { now });
    const guard = createGuard({ ...options, onBan: store.onBan });
    attackUntilBanned(guard);
    clock.t = START + 10;
    expect(guard(IP)).toBe(false);
    expect(guard(IP)).toBe(false);
    expect(guard.listBans()).toEqual([{ ip: IP, until: START + 220 }]);
    db.close();

    const db2 = open();
    expect(db2.currentBans({ jail: 'guard', now: START + 10 })).toEqual([
      { jail: 'guard', ip: IP, time: START, bantime: 220, bancount: 1, data: {} },
    ]);
    const restarted = createGuard({ ...options, bans: createGuardStore(db2, { now }).bans() });
    clock.t = START + 219;
    expect(restarted.isBanned(IP)).toBe(true);
    clock.t = START + 220;
    expect(restarted.isBanned(IP)).toBe(false);
    db2.close();
    // Growing rewrites the ban's history row rather than adding one per attempt.
    const raw = new Sqlite(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM bans').get()).toEqual({ n: 1 });
    raw.close();
  });

  it('writes a ban grown many times in one tick as one row, and the last end wins', async () => {
    const { file, now, open, options } = setup({ banIncrement: 1 });
    const db = open();
    const store = createGuardStore(db, { now });
    const guard = createGuard({ ...options, onBan: store.onBan });
    attackUntilBanned(guard);
    for (let i = 0; i < 1_000; i++) guard(IP);
    await db.flush();
    expect(store.bans()).toEqual([{ ip: IP, until: START + 1_100 }]);
    db.close();
    const raw = new Sqlite(file, { readonly: true });
    expect(raw.prepare('SELECT ip, time, bantime FROM bans').all()).toEqual([{ ip: IP, time: START, bantime: 1_100 }]);
    raw.close();
  });

  it('queues one record per history row, the latest of a tick replacing earlier ones', async () => {
    const batches: string[][] = [];
    const queue = new WriteQueue((bans) => void batches.push(bans.map((b) => `${b.ip}@${b.time}+${b.bantime}`)));
    const done = [100, 101, 102].map((bantime) => queue.addBan(ban(IP, { time: 1, bantime })));
    done.push(queue.addBan(ban(IP, { time: 2 })), queue.addBan(ban('192.0.2.8', { time: 1 })));
    await Promise.all(done);
    expect(batches).toEqual([[`${IP}@1+102`, `${IP}@2+600`, '192.0.2.8@1+600']]);
  });

  it('does not restore expired bans, and counts a later ban as the second', () => {
    const { clock, now, open, options } = setup();
    const db = open();
    const store = createGuardStore(db, { now });
    const guard = createGuard({ ...options, onBan: store.onBan });
    attackUntilBanned(guard, '192.0.2.1');
    clock.t = START + 60;
    attackUntilBanned(guard, '192.0.2.2');
    clock.t = START + 100;
    expect(store.bans()).toEqual([{ ip: '192.0.2.2', until: START + 160 }]);
    clock.t = START + 200;
    expect(attackUntilBanned(guard, '192.0.2.2')).toBe(2);
    expect(db.currentBans({ jail: 'guard', now: START + 200 })).toMatchObject([
      { ip: '192.0.2.2', time: START + 200, bantime: 100, bancount: 2 },
    ]);
    db.close();
  });

  it('forgets a ban on unban, so a restart does not bring it back', () => {
    const { now, open, options } = setup();
    const db = open();
    const store = createGuardStore(db, { now });
    const guard = createGuard({ ...options, onBan: store.onBan });
    attackUntilBanned(guard);
    attackUntilBanned(guard, '2001:db8::1');
    expect(guard.unban(IP)).toBe(true);
    expect(store.unban(IP)).toBe(true);
    expect(store.unban(IP)).toBe(false);
    expect(guard(IP)).toBe(true);
    db.close();
    const db2 = open();
    expect(createGuardStore(db2, { now }).bans()).toEqual([{ ip: '2001:db8::1', until: START + 100 }]);
    db2.close();
  });

  it('keeps guards apart by jail name', () => {
    const { now, open, options } = setup();
    const db = open();
    const web = createGuardStore(db, { now, jail: 'web' });
    const ssh = createGuardStore(db, { now, jail: 'ssh' });
    attackUntilBanned(createGuard({ ...options, onBan: web.onBan }));
    expect(web.bans()).toEqual([{ ip: IP, until: START + 100 }]);
    expect(ssh.bans()).toEqual([]);
    expect(ssh.unban(IP)).toBe(false);
    expect(web.bans()).toHaveLength(1);
    db.close();
  });

  it('works as a store that keeps nothing on a disabled database', () => {
    const { now, options } = setup();
    const errors: DatabaseError[] = [];
    const db = createDisabledDatabase({ onError: (e) => errors.push(e) });
    const store = createGuardStore(db, { now });
    const guard = createGuard({ ...options, bans: store.bans(), onBan: store.onBan });
    expect(attackUntilBanned(guard)).toBe(2);
    expect(guard(IP)).toBe(false);
    expect(store.bans()).toEqual([]);
    expect(store.unban(IP)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('never throws into the guard when writes fail, and reports the failure once', async () => {
    const { now, open, options, errors } = setup({ banIncrement: 10 });
    const db = open();
    const store = createGuardStore(db, { now });
    const guard = createGuard({ ...options, onBan: store.onBan });
    db.close();
    expect(attackUntilBanned(guard)).toBe(2);
    for (let i = 0; i < 100; i++) expect(guard(IP)).toBe(false);
    expect(store.unban(IP)).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(DatabaseClosedError);
    expect(errors[0]?.message).toMatch(/guard\.sqlite3: database is closed$/);
  });

  it('reports a ban it cannot store without throwing', async () => {
    const { now, open, errors } = setup();
    const db = open();
    const store = createGuardStore(db, { now });
    expect(() => store.onBan({ ip: IP, until: Number.NaN })).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => store.onBan({ ip: IP, until: START - 1 })).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((e) => [e.code, e.message.replace(/^.*: cannot/, 'cannot')])).toEqual([
      ['E_DB_WRITE', "cannot record ban of 192.0.2.7 in jail 'guard': until is not a time"],
    ]);
    // A ban that already ended is stored as one of no length, never restored.
    expect(store.bans()).toEqual([]);
    expect(db.currentBans({ jail: 'guard', now: START - 2 })).toMatchObject([{ ip: IP, time: START - 1, bantime: 0 }]);
    db.close();
  });

  it('rejects unusable options', () => {
    const db = createDisabledDatabase();
    expect(() => createGuardStore(db, { jail: '' })).toThrow('guard store: jail name "" is not usable');
    expect(() => createGuardStore(db, { maxTracked: 0 })).toThrow('guard store: maxTracked 0 is not a positive integer');
  });
});
