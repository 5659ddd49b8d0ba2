/** @module fail-table: failures per id in column arrays, fields and lines packed outside the heap: ~60 bytes per tracked address plus its lines. */
import { roundHalfEven } from './_formula-parser.js';
import { FieldShapes, flatCopy, loose, packRecord, unpackRecord, type FailureFields, type LooseRecord } from './_fail-record.js';
import { IntSlotIndex } from './_int-index.js';
import { TextArena } from './_text-arena.js';

export type { FailureFields } from './_fail-record.js';

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
// What a slot holds: nothing, an IPv4 id (kept as a number in `v4`), or another id (kept as text in `named`).
const FREE = 0;
const V4 = 1;
const NAMED = 2;

/** Failures per id within findtime; slots are reused after removal. */
export class FailTable {
  // Canonical IPv4 ids, the bulk of any flood, cost no string: the address is the key.
  private readonly v4 = new IntSlotIndex();
  private readonly named = new Map<string, number>();
  private kinds = new Uint8Array(INITIAL_CAPACITY);
  private first = new Float64Array(INITIAL_CAPACITY);
  private last = new Float64Array(INITIAL_CAPACITY);
  private retries = new Float64Array(INITIAL_CAPACITY);
  private failures = new Uint32Array(INITIAL_CAPACITY);
  // Fields and kept lines of each slot, packed into one text (see _fail-record) kept in the arena: its offset, and
  // its size word (0: no text). Records whose fields cannot be packed stay objects in `loose`.
  private offsets = new Float64Array(INITIAL_CAPACITY);
  private sizes = new Uint32Array(INITIAL_CAPACITY);
  private readonly arena = new TextArena();
  private readonly loose = new Map<number, LooseRecord>();
  private readonly shapes = new FieldShapes();
  private readonly free: number[] = [];
  private used = 0;

  get size(): number {
    return this.v4.size + this.named.size;
  }

  /** The retry count of `id`, 0 when it has no failures. */
  retryOf(id: string): number {
    const slot = this.slotOf(id);
    return slot < 0 ? 0 : this.retries[slot]!;
  }

  /**
   * Counts one failure of `id` at `time` weighing `count`; returns its retry count. As Fail2Ban,
   * a failure later than findtime after the first one scales the count down to the rate over the
   * last findtime instead of starting again; out-of-order (older) failures only add to the count.
   */
  add(id: string, time: number, count: number, findtime: number, maxMatches: number, matches: readonly string[] | undefined, fields: FailureFields | undefined): number {
    const key = ipv4Key(id);
    let slot = key === null ? (this.named.get(id) ?? -1) : this.v4.get(key);
    if (slot < 0) {
      slot = this.allocate(id, key);
      this.first[slot] = time;
      this.last[slot] = time;
      this.retries[slot] = count;
      this.failures[slot] = 1;
      const kept = maxMatches > 0 && matches !== undefined ? newest(matches, maxMatches) : [];
      this.store(slot, id, fields === EMPTY_FIELDS ? undefined : fields, kept);
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
    if (maxMatches > 0 && matches !== undefined && matches.length > 0) this.addMatches(id, slot, matches, maxMatches);
    return this.retries[slot]!;
  }

  /** Adds weight to an id already counting failures (ban-time increment's bad-address rule). */
  addWeight(id: string, weight: number): number {
    const slot = this.slotOf(id);
    if (slot < 0) return 0;
    this.retries[slot] = this.retries[slot]! + weight;
    return this.retries[slot]!;
  }

  /** Removes `id` and returns what was recorded, or null. */
  take(id: string): FailRecord | null {
    const slot = this.slotOf(id);
    if (slot < 0) return null;
    const { fields, matches } = this.unpack(slot, id);
    const record: FailRecord = {
      id,
      firstTime: this.first[slot]!,
      time: this.last[slot]!,
      retry: this.retries[slot]!,
      failures: this.failures[slot]!,
      matches,
      fields: fields ?? EMPTY_FIELDS,
    };
    this.release(id, slot);
    return record;
  }

  /** Removes `id` without reporting it. */
  delete(id: string): boolean {
    const slot = this.slotOf(id);
    if (slot < 0) return false;
    this.release(id, slot);
    return true;
  }

  /** Removes every id whose last failure is at or before `before`; returns how many went. */
  removeOlderThan(before: number): number {
    let removed = 0;
    for (let slot = 0; slot < this.used; slot++) {
      if (this.kinds[slot] === V4 && this.last[slot]! <= before) {
        this.v4.delete(this.v4.keyAt(slot));
        this.clearSlot(slot);
        removed++;
      }
    }
    for (const [id, slot] of this.named) {
      if (this.last[slot]! <= before) {
        this.release(id, slot);
        removed++;
      }
    }
    return removed;
  }

  /** Ids currently counting failures. */
  *keys(): IterableIterator<string> {
    for (let slot = 0; slot < this.used; slot++) if (this.kinds[slot] === V4) yield ipv4Text(this.v4.keyAt(slot));
    yield* this.named.keys();
  }

  clear(): void {
    for (const id of [...this.keys()]) this.delete(id);
  }

  /** The slot of `id`, or -1. */
  private slotOf(id: string): number {
    const key = ipv4Key(id);
    if (key !== null) return this.v4.get(key);
    return this.named.get(id) ?? -1;
  }

  /**
   * Adds kept lines. A packed record is rewritten whole, so past PACKED_LINES_MAX lines (a jail with a high
   * maxretry, hence maxmatches, and an address that keeps failing) the record is kept loose and lines are
   * appended in place: each failure then costs O(1), not O(lines kept so far).
   */
  private addMatches(id: string, slot: number, added: readonly string[], maxMatches: number): void {
    const kept = this.sizes[slot] === 0 ? this.loose.get(slot) : undefined;
    if (kept !== undefined) {
      for (const line of added) kept.matches.push(flatCopy(line));
      if (kept.matches.length > maxMatches) kept.matches.splice(0, kept.matches.length - maxMatches);
      return;
    }
    const { fields, matches } = this.unpack(slot, id);
    for (const line of added) matches.push(line);
    this.dropRecord(slot);
    const lines = newest(matches, maxMatches);
    if (lines.length > PACKED_LINES_MAX) this.loose.set(slot, loose(fields, lines));
    else this.store(slot, id, fields, lines);
  }

  private store(slot: number, id: string, fields: FailureFields | undefined, matches: readonly string[]): void {
    const packed = packRecord(this.shapes, id, fields, matches);
    if (typeof packed === 'string') {
      const size = TextArena.sizeOf(packed);
      this.offsets[slot] = this.arena.write(packed, size);
      this.sizes[slot] = size;
    } else if (packed !== undefined) {
      this.loose.set(slot, packed);
    }
  }

  private unpack(slot: number, id: string): ReturnType<typeof unpackRecord> {
    const size = this.sizes[slot]!;
    return unpackRecord(this.shapes, id, size === 0 ? this.loose.get(slot) : this.arena.read(this.offsets[slot]!, size));
  }

  private dropRecord(slot: number): void {
    const size = this.sizes[slot]!;
    if (size === 0) {
      this.loose.delete(slot);
      return;
    }
    this.arena.drop(size);
    this.sizes[slot] = 0;
  }

  private allocate(id: string, key: number | null): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.used++;
      if (slot >= this.first.length) this.grow(this.first.length * 2);
    }
    if (key !== null) {
      this.v4.add(key, slot);
      this.kinds[slot] = V4;
    } else {
      this.named.set(id, slot);
      this.kinds[slot] = NAMED;
    }
    return slot;
  }

  private release(id: string, slot: number): void {
    if (this.kinds[slot] === V4) this.v4.delete(this.v4.keyAt(slot));
    else this.named.delete(id);
    this.clearSlot(slot);
  }

  private clearSlot(slot: number): void {
    this.kinds[slot] = FREE;
    this.dropRecord(slot);
    this.free.push(slot);
    if (this.arena.wantsCompaction) this.compact();
  }

  private compact(): void {
    this.arena.compact((move) => {
      for (let slot = 0; slot < this.used; slot++) {
        if (this.kinds[slot] !== FREE && this.sizes[slot] !== 0) this.offsets[slot] = move(this.offsets[slot]!, this.sizes[slot]!);
      }
    });
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Uint32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.kinds = copy(this.kinds, new Uint8Array(capacity));
    this.first = copy(this.first, new Float64Array(capacity));
    this.last = copy(this.last, new Float64Array(capacity));
    this.retries = copy(this.retries, new Float64Array(capacity));
    this.failures = copy(this.failures, new Uint32Array(capacity));
    this.offsets = copy(this.offsets, new Float64Array(capacity));
    this.sizes = copy(this.sizes, new Uint32Array(capacity));
  }
}

/** The newest `max` lines of `lines` (only those are worth keeping for the actions). */
// A flood (one or a few failures per address) stays packed; an address with more kept lines than this is kept loose.
const PACKED_LINES_MAX = 16;

function newest(lines: readonly string[], max: number): readonly string[] {
  return lines.length > max ? lines.slice(lines.length - max) : lines;
}

/** A canonical dotted quad (no leading zeros, parts ≤ 255) as an int32 key, or null for any other id. By hand: hot path. */
function ipv4Key(id: string): number | null {
  const length = id.length;
  if (length > 15 || length < 7) return null;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const code = id.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || ++dots > 3) return null;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && part === 0) return null;
      part = part * 10 + code - 48;
      if (part > 255) return null;
      digits++;
    } else {
      return null;
    }
  }
  if (dots !== 3 || digits === 0) return null;
  return (value * 256 + part) | 0;
}

function ipv4Text(key: number): string {
  return `${key >>> 24}.${(key >>> 16) & 255}.${(key >>> 8) & 255}.${key & 255}`;
}
