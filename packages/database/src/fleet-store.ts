/** @module fleet-store: keeps @f2b/fleet's outbox and stream read position in the ban database. */
import { randomUUID } from 'node:crypto';
import { sqliteHandleOf } from './_sqlite-database.js';
import type { BanDatabase } from './types.js';

/**
 * A ban change waiting to be sent. Declared here rather than imported, so this package does not depend
 * on @f2b/fleet; it has the shape of the fleet's `FleetEvent`.
 */
export interface FleetStoreEvent {
  readonly kind: 'ban' | 'unban';
  readonly jail: string;
  readonly ip: string;
  readonly time: number;
  readonly bantime: number;
  readonly bancount: number;
}

/** What `createFleetStore` returns: the fleet's `FleetStore`. */
export interface FleetStoreTables {
  readonly instance: string;
  enqueue(events: readonly FleetStoreEvent[]): void;
  pending(limit: number): (FleetStoreEvent & { readonly seq: number })[];
  sent(seq: number): void;
  queued(): number;
  lastId(): string | null;
  senders(): ReadonlyMap<string, number>;
  advance(lastId: string, senders: ReadonlyMap<string, number>): void;
}

/**
 * The fleet link's durable state in `db`'s file: each call commits (the outbox survives a crash the moment
 * `enqueue` returns). Null for a disabled database: the caller keeps the state in memory instead.
 */
export function createFleetStore(db: BanDatabase): FleetStoreTables | null {
  const sqlite = sqliteHandleOf(db);
  if (!sqlite) return null;
  const insert = sqlite.prepare('INSERT INTO fleet_outbox(event) VALUES (?)');
  const select = sqlite.prepare('SELECT seq, event FROM fleet_outbox ORDER BY seq LIMIT ?');
  const remove = sqlite.prepare('DELETE FROM fleet_outbox WHERE seq <= ?');
  const count = sqlite.prepare('SELECT count(*) AS n FROM fleet_outbox');
  const getState = sqlite.prepare('SELECT value FROM fleet_state WHERE key = ?');
  const setState = sqlite.prepare('INSERT INTO fleet_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const allSenders = sqlite.prepare('SELECT sender, seq FROM fleet_senders');
  const setSender = sqlite.prepare('INSERT INTO fleet_senders(sender, seq) VALUES (?, ?) ON CONFLICT(sender) DO UPDATE SET seq = max(seq, excluded.seq)');
  const state = (key: string): string | null => (getState.get(key) as { value: string } | undefined)?.value ?? null;

  let instance = state('instance');
  if (instance === null) {
    instance = randomUUID();
    setState.run('instance', instance);
  }
  const enqueueAll = sqlite.transaction((events: readonly FleetStoreEvent[]) => {
    for (const event of events) insert.run(JSON.stringify(event));
  });
  const advanceAll = sqlite.transaction((lastId: string, senders: ReadonlyMap<string, number>) => {
    setState.run('last_id', lastId);
    for (const [sender, seq] of senders) setSender.run(sender, seq);
  });
  return {
    instance,
    enqueue: (events) => enqueueAll(events),
    pending: (limit) =>
      (select.all(limit) as { seq: number; event: string }[]).map((row) => ({ ...(JSON.parse(row.event) as FleetStoreEvent), seq: row.seq })),
    sent: (seq) => void remove.run(seq),
    queued: () => (count.get() as { n: number }).n,
    lastId: () => state('last_id'),
    senders: () => new Map((allSenders.all() as { sender: string; seq: number }[]).map((row) => [row.sender, row.seq])),
    advance: (lastId, senders) => advanceAll(lastId, senders),
  };
}
