/** @module _make-dirs: create missing parent directories one level at a time. */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Creates `dir` and its missing ancestors, from the first existing one down. Node 20's
 * `mkdirSync(dir, { recursive: true })` never returns for some paths under /proc (it retries forever),
 * so each level is made with a plain mkdir and a failure (ENOENT under /proc, ENOTDIR, EACCES) throws.
 */
export function makeMissingDirs(dir: string, mode?: number): void {
  const missing: string[] = [];
  for (let current = resolve(dir); !statSync(current, { throwIfNoEntry: false }); current = dirname(current)) {
    missing.push(current);
    if (dirname(current) === current) break;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, mode === undefined ? {} : { mode });
    } catch (error) {
      // Another process may have made it meanwhile; only a directory there is fine.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(level).isDirectory()) throw error;
    }
  }
}
