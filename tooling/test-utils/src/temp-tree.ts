/** @module temp-tree: build a directory of files from an object, for filesystem fixtures written inline. */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempTree {
  /** Absolute path of the tree's root directory. */
  readonly dir: string;
  /** Absolute path of a file inside the tree. */
  path(relative: string): string;
  /** Writes (or overwrites) a file inside the tree. */
  write(relative: string, content: string): string;
  /** Removes the tree. */
  remove(): void;
}

/** Creates a temp directory holding `files` (relative path → content). */
export function makeTempTree(files: Record<string, string> = {}, prefix = 'f2b-test-'): TempTree {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const tree: TempTree = {
    dir,
    path: (relative) => join(dir, relative),
    write(relative, content) {
      const file = join(dir, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [relative, content] of Object.entries(files)) tree.write(relative, content);
  return tree;
}
