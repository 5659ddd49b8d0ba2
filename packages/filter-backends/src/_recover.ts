/** @module recover: find the copy a copytruncate rotation left, so lines written just before the truncation are not lost. */
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What we knew about the file before it was truncated. */
export interface TruncatedFileFacts {
  /** The file's first line bytes (with newline, or its hashed prefix). */
  readonly first: Buffer;
  /** Our read position in the old content. */
  readonly pos: number;
  /** The bytes just before `pos` (a fingerprint of where we stopped). */
  readonly print: Buffer;
}

const COMPRESSED = /\.(gz|bz2|xz|zst|lz4|z|zip)$/i;
const MAX_CANDIDATES = 32;

/** Reads exactly `length` bytes at `position`, or fewer at end of file. */
export async function readAt(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** True when `handle` holds the same first line and the same bytes before `facts.pos` as the file we were reading. */
export async function matchesFacts(handle: FileHandle, facts: TruncatedFileFacts): Promise<boolean> {
  const first = await readAt(handle, facts.first.length, 0);
  if (!first.equals(facts.first)) return false;
  if (facts.print.length === 0) return true;
  const print = await readAt(handle, facts.print.length, facts.pos - facts.print.length);
  return print.equals(facts.print);
}

/**
 * Looks beside `path` for an uncompressed sibling named after it (`auth.log.1`, `auth.log-20260101`) that starts with
 * the same first line and holds the same bytes where we stopped: that is the copy taken before the truncation.
 */
export async function findRotatedCopy(path: string, facts: TruncatedFileFacts): Promise<string | null> {
  const dir = dirname(path);
  const base = basename(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  const candidates: { file: string; mtime: number }[] = [];
  for (const name of names) {
    if (name === base || !name.startsWith(base) || COMPRESSED.test(name)) continue;
    const file = join(dir, name);
    try {
      const info = await stat(file);
      if (info.isFile() && info.size >= facts.pos) candidates.push({ file, mtime: info.mtimeMs });
    } catch {
      // Rotated away while we looked: not the copy we need.
    }
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  for (const { file } of candidates.slice(0, MAX_CANDIDATES)) {
    let handle: FileHandle | undefined;
    try {
      handle = await open(file, 'r');
      if (await matchesFacts(handle, facts)) return file;
    } catch {
      // Unreadable candidate: try the next.
    } finally {
      await handle?.close();
    }
  }
  return null;
}
