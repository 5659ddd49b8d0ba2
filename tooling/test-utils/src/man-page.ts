/** @module man-page: a built man page as `man -l` shows it, for the man page tests of the apps. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * The page `dir/page` as `man -l` shows it (plain text, 80 columns); groff's warnings (-ww) and
 * man's stderr must be empty. A missing page says to build first.
 */
export function renderManPage(dir: string, page: string): string {
  const file = join(dir, page);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` before \`pnpm test\``);
  const lint = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z', file], { encoding: 'utf8' });
  expect([lint.status, lint.stderr]).toEqual([0, '']);
  const env = { ...process.env, MANWIDTH: '80', MANPAGER: 'cat', PAGER: 'cat', MAN_KEEP_FORMATTING: '' };
  const shown = spawnSync('man', ['-l', file], { encoding: 'utf8', env });
  expect([shown.status, shown.stderr]).toEqual([0, '']);
  return shown.stdout;
}
