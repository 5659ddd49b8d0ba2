/** @module _write-queue: gathers bans and log positions arriving in the same tick into one transaction. */
import type { BanRecord, LogPosition } from './types.js';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A position waiting to be written; only the latest per (jail, path) matters. */
export interface PendingPosition {
  jail: string;
  path: string;
  position: LogPosition;
}

/** Commits one batch in one transaction; throws if nothing of it was stored. */
export type CommitBatch = (bans: readonly BanRecord[], positions: readonly PendingPosition[]) => void;

/**
 * Callers get a promise that settles only after the transaction holding their write has committed, so a
 * ban is never reported done before it is durable. Anything that reads calls `flushSync` first, which keeps
 * reads and removals ordered after earlier writes.
 */
export class WriteQueue {
  // Keyed by the history row a ban writes (jail, ip, time): a later record for the same row replaces the
  // earlier one, as its INSERT OR REPLACE would, so a ban grown many times in one tick costs one row.
  #bans = new Map<string, BanRecord>();
  #positions = new Map<string, PendingPosition>();
  #waiters: Waiter[] = [];
  #scheduled = false;
  readonly #commit: CommitBatch;

  constructor(commit: CommitBatch) {
    this.#commit = commit;
  }

  get pending(): number {
    return this.#bans.size + this.#positions.size;
  }

  addBan(ban: BanRecord): Promise<void> {
    // NUL cannot occur in a jail name, and a time is a number, so the key is unambiguous.
    this.#bans.set(`${ban.jail}\0${ban.ip}\0${ban.time}`, ban);
    return this.#wait();
  }

  setPosition(jail: string, path: string, position: LogPosition): Promise<void> {
    // NUL cannot occur in a jail name or a path, so the key is unambiguous.
    this.#positions.set(`${jail}\0${path}`, { jail, path, position });
    return this.#wait();
  }

  /** Commits everything queued now; waiters are settled either way, and the error is rethrown. */
  flushSync(): void {
    if (this.pending === 0) return;
    const bans = [...this.#bans.values()];
    const positions = [...this.#positions.values()];
    const waiters = this.#waiters;
    this.#bans = new Map();
    this.#positions = new Map();
    this.#waiters = [];
    try {
      this.#commit(bans, positions);
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
      throw error;
    }
    for (const waiter of waiters) waiter.resolve();
  }

  #wait(): Promise<void> {
    const promise = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        try {
          this.flushSync();
        } catch {
          // Already delivered to every waiter of this batch.
        }
      });
    }
    return promise;
  }
}
