/** @module vitest-aliases: tests run against workspace sources, so `pnpm test` never needs a fresh build. */
import { readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Maps every `@f2b/<name>` with a `src/index.ts` to that source file. */
export function sourceAliases() {
  const aliases = {};
  for (const group of ['packages', 'tooling']) {
    for (const name of readdirSync(join(root, group))) {
      const entry = join(root, group, name, 'src', 'index.ts');
      if (existsSync(entry)) aliases[`@f2b/${name}`] = entry;
    }
  }
  return aliases;
}
