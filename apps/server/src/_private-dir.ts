/** @module _private-dir: directories for the socket, pid file and database, safe in a shared /tmp. */
import { statSync } from 'node:fs';
import { makeMissingDirs } from './_make-dirs.js';
import { ServerError } from './errors.js';

/**
 * Creates `dir` (mode 0700) when missing. An existing one owned by another user is refused: in a
 * shared directory such as /tmp, someone else could otherwise swap our socket or database.
 */
export function ensurePrivateDir(dir: string): void {
  try {
    makeMissingDirs(dir, 0o700);
  } catch (error) {
    throw new ServerError('E_PRIVATE_DIR', `cannot create ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const owner = statSync(dir).uid;
  const me = process.getuid?.() ?? owner;
  if (owner !== me && owner !== 0) {
    throw new ServerError('E_PRIVATE_DIR', `${dir} belongs to another user (uid ${owner}); refusing to put f2b's socket or database there`);
  }
}
