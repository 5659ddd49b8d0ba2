/** @module fail-table: failures per id in column arrays, so a million ids cost ~100 bytes each, not an object each. */
import { roundHalfEven } from './_formula-parser.js';

/** Extra fields a failure carries (failregex captures such as `user`), kept from the first failure. */
export type FailureFields = Readonly<Record<string, unknown>>;

/** What the table hands over when an id reaches maxretry. */
export interface FailRecord {
  readonly id: string;
  readonly firstTime: number;
  readonly time: number;
  readonly retry: number;
  readonly failures: number;
  readonly matches: string[];
  readonly fields: FailureFields;
}

const EMPTY_FIELDS: FailureFields = Object.freeze({});
const INITIAL_CAPACITY = 1024;

/** Failures per id within findtime; slots are reused after removal. */
export class FailTable {
  private readonly index = new Map<string, number>();
  private first = new Float64Array(INITIAL_CAPACITY);
  private last = new Float64Array(INITIAL_CAPACITY);
  private retries = new Float64Array(INITIAL_CAPACITY);
  private failures = new Uint32Array(INITIAL_CAPACITY);
  // One string, an array of strings, or nothing: most ids have a single match line, held without an array.
  private matches: Array<string | string[] | undefined> = [];
  private fields: Array<FailureFields | undefined> = [];
  private readonly free: number[] = [];
  private used = 0;

  get size(): number {
    return this.index.size;
  }

  /** The retry count of `id`, 0 when it has no failures. */
  retryOf(id: string): number {
    const slot = this.index.get(id);
    return slot === undefined ? 0 : this.retries[slot]!;
  }

  /**
   * Counts one failure of `id` at `time` weighing `count`; returns its retry count. As Fail2Ban,
   * a failure later than findtime after the first one scales the count down to the rate over the
   * last findtime instead of starting again; out-of-order (older) failures only add to the count.
   */
  add(id: string, time: number, count: number, findtime: number, maxMatches: number, matches: readonly string[] | undefined, fields: FailureFields | undefined): number {
    let slot = this.index.get(id);
    if (slot === undefined) {
      slot = this.allocate(id);
      this.first[slot] = time;
      this.last[slot] = time;
      this.retries[slot] = count;
      this.failures[slot] = 1;
      if (fields !== undefined && fields !== EMPTY_FIELDS) this.fields[slot] = fields;
      this.storeMatches(slot, undefined, matches, maxMatches);
      return count;
    }
    if (time > this.last[slot]!) {
      if (this.first[slot]! < time - findtime) {
        this.retries[slot] = roundHalfEven((this.retries[slot]! / (time - this.first[slot]!)) * findtime);
        this.first[slot] = time - findtime;
      }
      this.last[slot] = time;
    }
    this.retries[slot] = this.retries[slot]! + count;
    this.failures[slot] = this.failures[slot]! + 1;
    if (matches !== undefined && matches.length > 0) this.storeMatches(slot, this.matches[slot], matches, maxMatches);
    return this.retries[slot]!;
  }

  /** Adds weight to an id already counting failures (ban-time increment's bad-address rule). */
  addWeight(id: string, weight: number): number {
    const slot = this.index.get(id);
    if (slot === undefined) return 0;
    this.retries[slot] = this.retries[slot]! + weight;
    return this.retries[slot]!;
  }

  /** Removes `id` and returns what was recorded, or null. */
  take(id: string): FailRecord | null {
    const slot = this.index.get(id);
    if (slot === undefined) return null;
    const stored = this.matches[slot];
    const record: FailRecord = {
      id,
      firstTime: this.first[slot]!,
      time: this.last[slot]!,
      retry: this.retries[slot]!,
      failures: this.failures[slot]!,
      matches: stored === undefined ? [] : typeof stored === 'string' ? [stored] : stored,
      fields: this.fields[slot] ?? EMPTY_FIELDS,
    };
    this.release(id, slot);
    return record;
  }

  /** Removes `id` without reporting it. */
  delete(id: string): boolean {
    const slot = this.index.get(id);
    if (slot === undefined) return false;
    this.release(id, slot);
    return true;
  }

  /** Removes every id whose last failure is at or before `before`; returns how many went. */
  removeOlderThan(before: number): number {
    let removed = 0;
    for (const [id, slot] of this.index) {
      if (this.last[slot]! <= before) {
        this.release(id, slot);
        removed++;
      }
    }
    return removed;
  }

  /** Ids currently counting failures. */
  keys(): IterableIterator<string> {
    return this.index.keys();
  }

  clear(): void {
    for (const [id, slot] of this.index) this.release(id, slot);
  }

  private storeMatches(slot: number, stored: string | string[] | undefined, added: readonly string[] | undefined, maxMatches: number): void {
    if (maxMatches <= 0 || added === undefined || added.length === 0) return;
    if (stored === undefined && added.length === 1) {
      this.matches[slot] = added[0]!;
      return;
    }
    const list = stored === undefined ? [] : typeof stored === 'string' ? [stored] : stored;
    for (const line of added) list.push(line);
    // Bounded: only the newest maxMatches lines are worth keeping for the actions.
    if (list.length > maxMatches) list.splice(0, list.length - maxMatches);
    this.matches[slot] = list.length === 1 ? list[0]! : list;
  }

  private allocate(id: string): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.used++;
      if (slot >= this.first.length) this.grow(this.first.length * 2);
    }
    this.index.set(id, slot);
    return slot;
  }

  private release(id: string, slot: number): void {
    this.index.delete(id);
    this.matches[slot] = undefined;
    this.fields[slot] = undefined;
    this.free.push(slot);
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Uint32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.first = copy(this.first, new Float64Array(capacity));
    this.last = copy(this.last, new Float64Array(capacity));
    this.retries = copy(this.retries, new Float64Array(capacity));
    this.failures = copy(this.failures, new Uint32Array(capacity));
  }
}
