/** @module positions: first-line hashes and an in-memory PositionStore (the database provides the durable one). */
import { createHash } from 'node:crypto';
import type { Position, PositionStore } from './types.js';

/** Bytes of the first line that take part in its hash; a longer first line is hashed by this prefix. */
export const FIRST_LINE_HASH_LIMIT = 4096;

/** md5 hex of a file's first line (bytes including its newline), the identity a saved position belongs to. */
export function hashFirstLine(firstLine: Uint8Array): string {
  return createHash('md5').update(firstLine).digest('hex');
}

/** A PositionStore kept in a Map: for tests, f2b-regex and jails without a database. */
export class MemoryPositionStore implements PositionStore {
  readonly #positions = new Map<string, Position>();

  get(path: string): Position | undefined {
    return this.#positions.get(path);
  }

  set(path: string, position: Position): void {
    this.#positions.set(path, { hash: position.hash, pos: position.pos });
  }

  /** Every saved position (a copy). */
  entries(): Map<string, Position> {
    return new Map(this.#positions);
  }
}
