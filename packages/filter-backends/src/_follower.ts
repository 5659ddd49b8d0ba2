/** @module follower: follow one log file by path with our own byte position, surviving every kind of rotation. */
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { LineDecoder } from './_decode.js';
import { LineSplitter, chooseChunkSize, type SplitLine } from './_split.js';
import { findRotatedCopy, matchesFacts, readAt, type TruncatedFileFacts } from './_recover.js';
import { FIRST_LINE_HASH_LIMIT, hashFirstLine } from './positions.js';
import type { LogLine, PositionStore } from './types.js';

/** Bytes kept from just before the read position, to recognise the same content later. */
const PRINT_LENGTH = 256;

export interface FollowerOptions {
  readonly path: string;
  readonly start: 'head' | 'tail';
  readonly decode: LineDecoder;
  readonly maxLineLength: number;
  readonly positions: PositionStore | undefined;
  readonly deliver: (lines: readonly LogLine[], caughtUp: boolean) => void | Promise<void>;
}

/**
 * Follows one path. `check()` brings delivery up to date with the file as it is now; callers decide when
 * (a timer for polling, file events for pyinotify). Checks never overlap: a check requested while one runs
 * makes that one run again.
 */
export class FileFollower {
  readonly path: string;
  #handle: FileHandle | null = null;
  #ino = -1;
  #dev = -1;
  #pos = 0;
  #first: Buffer | null = null;
  #hash: string | null = null;
  #print: Buffer = Buffer.alloc(0);
  #lastSize = -1;
  #lastMtime = -1;
  #opened = false;
  #closed = false;
  #running: Promise<void> | null = null;
  #again = false;
  readonly #splitter: LineSplitter;
  readonly #chunkSize: number;

  constructor(private readonly options: FollowerOptions) {
    this.path = options.path;
    this.#splitter = new LineSplitter(options.decode, options.maxLineLength, options.path);
    this.#chunkSize = chooseChunkSize(options.maxLineLength);
  }

  /** Whether a file is open at the moment. */
  get isOpen(): boolean {
    return this.#handle !== null;
  }

  /** Reads whatever is new; resolves once those lines were delivered. */
  check(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          this.#again = false;
          await this.#checkOnce();
        } while (this.#again && !this.#closed);
      } finally {
        this.#running = null;
      }
    };
    this.#running = run();
    return this.#running;
  }

  /** Waits for a running check, then closes the file; nothing is delivered afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#running?.catch(() => undefined);
    await this.#handle?.close().catch(() => undefined);
    this.#handle = null;
  }

  async #checkOnce(): Promise<void> {
    let info;
    try {
      info = await stat(this.path);
    } catch (error) {
      if (!isMissing(error)) throw error;
      // Renamed or deleted: the open descriptor still reaches the old content, which may still grow a little.
      if (this.#handle) await this.#readToEnd(this.#handle, 'drain');
      this.#opened = true;
      return;
    }
    if (this.#handle && (info.ino !== this.#ino || info.dev !== this.#dev)) {
      await this.#readToEnd(this.#handle, 'drain');
      await this.#handle.close();
      this.#handle = null;
    }
    if (!this.#handle) {
      if (!info.isFile()) return;
      try {
        await this.#openFile();
      } catch (error) {
        // Rotated away between stat and open: the next check finds its successor.
        if (isMissing(error)) return;
        throw error;
      }
    }
    const handle = this.#handle!;
    const now = await handle.stat();
    if (now.size === this.#lastSize && now.mtimeMs === this.#lastMtime) return;
    this.#lastSize = now.size;
    this.#lastMtime = now.mtimeMs;
    if (this.#pos > 0 && (now.size < this.#pos || !(await this.#sameContent(handle)))) await this.#restartReplaced();
    while (await this.#readToEnd(handle, 'live')) await this.#restartReplaced();
  }

  async #openFile(): Promise<void> {
    const handle = await open(this.path, 'r');
    const info = await handle.stat();
    this.#handle = handle;
    this.#ino = info.ino;
    this.#dev = info.dev;
    this.#lastSize = -1;
    this.#lastMtime = -1;
    this.#splitter.reset();
    this.#print = Buffer.alloc(0);
    await this.#loadFirstLine(handle);
    const saved = this.options.positions?.get(this.path);
    if (saved && this.#hash !== null && saved.hash === this.#hash && saved.pos <= info.size) {
      this.#pos = saved.pos;
      this.#print = await readAt(handle, Math.min(PRINT_LENGTH, this.#pos), this.#pos - Math.min(PRINT_LENGTH, this.#pos));
    } else if (!saved && !this.#opened && this.options.start === 'tail') {
      this.#pos = await findLastLineEnd(handle, info.size);
      this.#print = await readAt(handle, Math.min(PRINT_LENGTH, this.#pos), this.#pos - Math.min(PRINT_LENGTH, this.#pos));
    } else {
      // A file met after start, or one whose first line changed while we were down: all of it is new.
      this.#pos = 0;
    }
    this.#opened = true;
  }

  async #loadFirstLine(handle: FileHandle): Promise<void> {
    const head = await readAt(handle, FIRST_LINE_HASH_LIMIT, 0);
    const newline = head.indexOf(10);
    const first = newline >= 0 ? head.subarray(0, newline + 1) : head.length === FIRST_LINE_HASH_LIMIT ? head : null;
    this.#first = first ? Buffer.from(first) : null;
    this.#hash = first ? hashFirstLine(first) : null;
  }

  async #sameContent(handle: FileHandle): Promise<boolean> {
    if (!this.#first) return true;
    return matchesFacts(handle, { first: this.#first, pos: this.#pos, print: this.#print });
  }

  /** The file was truncated or rewritten in place: finish its old content from a rotated copy if one exists, then restart at 0. */
  async #restartReplaced(): Promise<void> {
    if (this.#first) {
      const facts: TruncatedFileFacts = { first: this.#first, pos: this.#pos, print: this.#print };
      const copy = await findRotatedCopy(this.path, facts);
      if (copy) {
        const handle = await open(copy, 'r');
        try {
          await this.#readToEnd(handle, 'copy');
        } finally {
          await handle.close();
        }
      }
    }
    this.#pos = 0;
    this.#first = null;
    this.#hash = null;
    this.#print = Buffer.alloc(0);
    this.#splitter.reset();
  }

  /**
   * Delivers every complete line from the position to the end of `handle`'s content. `live` reads of the followed
   * path re-check after each read that the content was not replaced meanwhile (a truncation racing our read would
   * otherwise hand us the middle of the new content); it returns true, delivering nothing of that chunk, if it was.
   */
  async #readToEnd(handle: FileHandle, mode: 'live' | 'drain' | 'copy'): Promise<boolean> {
    // Allocated per call, not per follower: a jail may follow hundreds of files, most of them idle.
    const buffer = Buffer.allocUnsafe(this.#chunkSize);
    // End of the last line delivered (-1: none yet); a chunk read after a close is consumed but not delivered.
    let deliveredTo = -1;
    try {
      for (;;) {
        if (this.#closed) return false;
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.#pos);
        if (bytesRead === 0) return false;
        if (mode === 'live' && this.#pos > 0 && !(await this.#sameContent(handle))) return true;
        const lines: SplitLine[] = [];
        const consumed = this.#splitter.split(buffer, bytesRead, this.#pos, lines);
        this.#remember(buffer, consumed);
        this.#pos += consumed;
        if (this.#first === null && lines.length > 0) await this.#loadFirstLine(handle);
        if (lines.length > 0 && !this.#closed) {
          // Back-pressure (see LineSink): lines read ahead of a busy sink would pile up in memory.
          const pending = this.options.deliver(lines, bytesRead < buffer.length);
          deliveredTo = this.#pos;
          if (pending) await pending.catch(() => undefined);
        }
        if (bytesRead < buffer.length) return false;
      }
    } finally {
      // Saved once per read to the end, not per chunk: a flood is read in many chunks, and each save is a
      // durable database write. A crash in between only means reading those lines again.
      if (deliveredTo >= 0 && mode !== 'copy' && this.#hash !== null) this.options.positions?.set(this.path, { hash: this.#hash, pos: deliveredTo });
    }
  }

  /** Keeps the last PRINT_LENGTH bytes consumed, so a later check can tell whether the content before the position changed. */
  #remember(buffer: Buffer, consumed: number): void {
    if (consumed === 0) return;
    if (consumed >= PRINT_LENGTH) {
      this.#print = Buffer.from(buffer.subarray(consumed - PRINT_LENGTH, consumed));
      return;
    }
    const joined = Buffer.concat([this.#print, buffer.subarray(0, consumed)]);
    this.#print = joined.subarray(Math.max(0, joined.length - PRINT_LENGTH));
  }
}

/** Offset just after the last newline before `size` (so `tail` starts on a line boundary). */
async function findLastLineEnd(handle: FileHandle, size: number): Promise<number> {
  const window = Math.min(size, 64 * 1024);
  const tail = await readAt(handle, window, size - window);
  const newline = tail.lastIndexOf(10);
  return newline === -1 ? (window === size ? 0 : size) : size - window + newline + 1;
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
