/** @module int-index: int32 keys → table slots in open-addressed typed arrays (no entry objects: ~12 bytes per key). */

const MIN_CAPACITY = 1024;
// Fibonacci hashing: spreads sequential addresses (10.0.0.1, 10.0.0.2, …) over the whole table.
const GOLDEN = 0x9e3779b1;

/**
 * Maps int32 keys (IPv4 addresses) to the caller's slot numbers. Linear probing with backward-shift deletion,
 * so removals leave no tombstones; the table stays at most half full.
 */
export class IntSlotIndex {
  // slot + 1 per table cell; 0 marks an empty cell.
  private cells: Int32Array<ArrayBuffer> = new Int32Array(MIN_CAPACITY);
  private bits = Math.log2(MIN_CAPACITY);
  // The key of each caller slot, so a cell needs no copy of it.
  private keys: Int32Array<ArrayBuffer> = new Int32Array(MIN_CAPACITY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The slot of `key`, or -1. */
  get(key: number): number {
    const cells = this.cells;
    const mask = cells.length - 1;
    for (let i = this.home(key); ; i = (i + 1) & mask) {
      const cell = cells[i]!;
      if (cell === 0) return -1;
      if (this.keys[cell - 1] === key) return cell - 1;
    }
  }

  /** The key stored for `slot` (only meaningful while the slot is in use). */
  keyAt(slot: number): number {
    return this.keys[slot]!;
  }

  /** Adds `key` (not present yet) at `slot`. */
  add(key: number, slot: number): void {
    if ((this.count + 1) * 2 > this.cells.length) this.rehash(this.cells.length * 2);
    if (slot >= this.keys.length) this.keys = grown(this.keys, Math.max(slot + 1, this.keys.length * 2));
    this.keys[slot] = key;
    this.place(slot);
    this.count++;
  }

  /** Removes `key`; returns whether it was there. */
  delete(key: number): boolean {
    const cells = this.cells;
    const mask = cells.length - 1;
    let i = this.home(key);
    for (; ; i = (i + 1) & mask) {
      const cell = cells[i]!;
      if (cell === 0) return false;
      if (this.keys[cell - 1] === key) break;
    }
    // Backward shift: move later cells of the same probe run into the gap, so lookups never stop early.
    for (let j = (i + 1) & mask; cells[j] !== 0; j = (j + 1) & mask) {
      const home = this.home(this.keys[cells[j]! - 1]!);
      const between = i <= j ? home > i && home <= j : home > i || home <= j;
      if (between) continue;
      cells[i] = cells[j]!;
      i = j;
    }
    cells[i] = 0;
    this.count--;
    return true;
  }

  private home(key: number): number {
    return Math.imul(key, GOLDEN) >>> (32 - this.bits);
  }

  private place(slot: number): void {
    const cells = this.cells;
    const mask = cells.length - 1;
    let i = this.home(this.keys[slot]!);
    while (cells[i] !== 0) i = (i + 1) & mask;
    cells[i] = slot + 1;
  }

  private rehash(capacity: number): void {
    const old = this.cells;
    this.cells = new Int32Array(capacity);
    this.bits = Math.log2(capacity);
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.place(old[i]! - 1);
  }
}

function grown(from: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(capacity);
  to.set(from);
  return to;
}
