/** @module store: what the link keeps durably — the outbox of unsent events and the read position. */
import { randomUUID } from 'node:crypto';
import type { FleetEvent, QueuedEvent } from './event.js';

/**
 * Durable state of one server's fleet link (@f2b/database's `createFleetStore` keeps it in SQLite).
 * Outbox writes are durable when `enqueue` returns; `advance` commits the read position and the senders'
 * sequence numbers together, so a restart neither skips nor re-applies events.
 */
export interface FleetStore {
  /** Names this database's outbox: a new database starts a new sequence under a new name. */
  readonly instance: string;
  /** Appends events to the outbox, numbering them. */
  enqueue(events: readonly FleetEvent[]): void;
  /** The oldest queued events, in order. */
  pending(limit: number): QueuedEvent[];
  /** Removes queued events up to `seq` (sent). */
  sent(seq: number): void;
  /** Events waiting in the outbox. */
  queued(): number;
  /** Last stream id read, or null before the first. */
  lastId(): string | null;
  /** Highest seq applied per sender. */
  senders(): ReadonlyMap<string, number>;
  /** Records the new read position and senders' highest applied seq. */
  advance(lastId: string, senders: ReadonlyMap<string, number>): void;
}

/** A store in memory: for a server without a database (nothing survives a restart) and for tests. */
export function createMemoryFleetStore(): FleetStore {
  const outbox: QueuedEvent[] = [];
  const seen = new Map<string, number>();
  let nextSeq = 1;
  let last: string | null = null;
  return {
    instance: randomUUID(),
    enqueue(events) {
      for (const event of events) outbox.push({ ...event, seq: nextSeq++ });
    },
    pending: (limit) => outbox.slice(0, limit),
    sent(seq) {
      while (outbox.length > 0 && outbox[0]!.seq <= seq) outbox.shift();
    },
    queued: () => outbox.length,
    lastId: () => last,
    senders: () => new Map(seen),
    advance(lastId, senders) {
      last = lastId;
      for (const [sender, seq] of senders) seen.set(sender, seq);
    },
  };
}
