/** @module fleet-store: the fleet's outbox and read position survive a restart through a real SQLite file. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDisabledDatabase, createFleetStore, openDatabase, type FleetStoreEvent } from '@f2b/database';
import { makeTempDir } from './helpers.js';

const event = (ip: string): FleetStoreEvent => ({ kind: 'ban', jail: 'sshd', ip, time: 1_700_000_000, bantime: 600, bancount: 2 });

describe('createFleetStore', () => {
  it('keeps queued events, the instance, the position and the senders across a reopen', () => {
    const file = join(makeTempDir(), 'f2b.sqlite3');
    let db = openDatabase({ file, onCorrupt: 'refuse' });
    let store = createFleetStore(db)!;
    const instance = store.instance;
    store.enqueue([event('192.0.2.1'), event('192.0.2.2'), event('192.0.2.3')]);
    store.sent(1);
    store.advance('1700000000000-4', new Map([['web2/x', 7]]));
    db.close();

    db = openDatabase({ file, onCorrupt: 'refuse' });
    store = createFleetStore(db)!;
    expect(store.instance).toBe(instance);
    expect(store.queued()).toBe(2);
    expect(store.pending(10)).toEqual([
      { ...event('192.0.2.2'), seq: 2 },
      { ...event('192.0.2.3'), seq: 3 },
    ]);
    expect(store.lastId()).toBe('1700000000000-4');
    expect(store.senders()).toEqual(new Map([['web2/x', 7]]));
    db.close();
  });

  it('never numbers two events alike, even after the outbox emptied; a sender seq never goes back', () => {
    const db = openDatabase({ file: join(makeTempDir(), 'f2b.sqlite3'), onCorrupt: 'refuse' });
    const store = createFleetStore(db)!;
    store.enqueue([event('192.0.2.1')]);
    store.sent(1);
    store.enqueue([event('192.0.2.2')]);
    expect(store.pending(10).map((e) => e.seq)).toEqual([2]);
    store.advance('2-0', new Map([['a/1', 5]]));
    store.advance('3-0', new Map([['a/1', 3]]));
    expect(store.senders().get('a/1')).toBe(5);
    db.close();
  });

  it('gives a new instance name to a new database', () => {
    const a = openDatabase({ file: ':memory:' });
    const b = openDatabase({ file: ':memory:' });
    expect(createFleetStore(a)!.instance).not.toBe(createFleetStore(b)!.instance);
    a.close();
    b.close();
  });

  it('is null for a disabled database', () => {
    expect(createFleetStore(createDisabledDatabase())).toBeNull();
  });
});
