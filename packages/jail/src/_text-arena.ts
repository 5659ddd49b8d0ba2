/**
 * @module text-arena: texts kept outside the JavaScript heap, back to back in byte pages. A flood's kept lines then
 * cost their bytes and nothing else: no string header, no promotion through the young generation, no heap left behind.
 */

// Pages grow from small (a jail with a few ids) to LAST_PAGE, so at most that much is allocated unused.
// An offset is page × PAGE_SPAN + position (a text longer than PAGE_SPAN gets a page of its own, at position 0).
const FIRST_PAGE = 16 * 1024;
const LAST_PAGE = 1024 * 1024;
const PAGE_SPAN = 4 * 1024 * 1024;
// Compaction waits until this many bytes are dead, and until dead bytes outnumber live ones (amortised O(1) per byte).
const MIN_DEAD_TO_COMPACT = 1024 * 1024;
const NOT_LATIN1 = /[^\u0000-\u00ff]/;

/** Append-only byte pages with compaction; the caller keeps each text's (offset, size). */
export class TextArena {
  private pages: Buffer[] = [];
  private fill = 0;
  private live = 0;
  private dead = 0;

  /** The size word of `text`: its byte length × 2, plus 1 when it needs UTF-16 (a character past Latin-1). */
  static sizeOf(text: string): number {
    return NOT_LATIN1.test(text) ? text.length * 4 + 1 : text.length * 2;
  }

  /** Writes `text` (whose size word is `size`) and returns its offset; keep both to read or drop it. */
  write(text: string, size: number): number {
    const bytes = size >>> 1;
    const page = this.room(bytes);
    const at = this.fill;
    this.pages[page]!.write(text, at, bytes, size & 1 ? 'utf16le' : 'latin1');
    this.fill += bytes;
    this.live += bytes;
    return page * PAGE_SPAN + at;
  }

  read(offset: number, size: number): string {
    const page = this.pages[Math.floor(offset / PAGE_SPAN)]!;
    const at = offset % PAGE_SPAN;
    const bytes = size >>> 1;
    return page.toString(size & 1 ? 'utf16le' : 'latin1', at, at + bytes);
  }

  /** Marks a text as no longer needed. */
  drop(size: number): void {
    const bytes = size >>> 1;
    this.live -= bytes;
    this.dead += bytes;
  }

  /** Whether enough bytes are dead that `compact` pays. */
  get wantsCompaction(): boolean {
    return this.dead >= MIN_DEAD_TO_COMPACT && this.dead > this.live;
  }

  /**
   * Moves the live texts to fresh pages and lets the old ones go: `visit` calls `move(offset, size)` for every
   * text still needed and stores the new offset it returns.
   */
  compact(visit: (move: (offset: number, size: number) => number) => void): void {
    const old = this.pages;
    this.pages = [];
    this.fill = 0;
    this.live = 0;
    this.dead = 0;
    visit((offset, size) => {
      const bytes = size >>> 1;
      const from = old[Math.floor(offset / PAGE_SPAN)]!;
      const start = offset % PAGE_SPAN;
      const page = this.room(bytes);
      from.copy(this.pages[page]!, this.fill, start, start + bytes);
      const moved = page * PAGE_SPAN + this.fill;
      this.fill += bytes;
      this.live += bytes;
      return moved;
    });
  }

  /** The page `bytes` fit in at `fill`, opening a new one when the current one is full. */
  private room(bytes: number): number {
    const last = this.pages.length - 1;
    if (last >= 0 && this.fill + bytes <= this.pages[last]!.length) return last;
    const previous = last >= 0 ? this.pages[last]!.length : FIRST_PAGE / 2;
    // A text longer than a page gets a page of its own (its offset within it is 0, so addressing still holds).
    const size = Math.max(bytes, Math.min(previous * 2, LAST_PAGE));
    this.pages.push(Buffer.allocUnsafeSlow(size));
    this.fill = 0;
    return this.pages.length - 1;
  }
}
