/** @module _tree: the shipped config tree as f2b's config reader resolves it, for the tests. */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFilter } from '@f2b/config-reader';

/** Root of packages/config. */
export const CONFIG_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Directory of the sample logs. */
export const LOGS_DIR = join(CONFIG_DIR, 'test', 'logs');

/** Every resolved option of a filter (mode rules and helpers included), as its [Definition] sees it. */
export function resolveFilterOptions(name: string): Map<string, string> {
  return new Map(Object.entries(readFilter(CONFIG_DIR, name, { allOptions: true }).options));
}

/** Names of the shipped `.conf` files of `dir` that are not building blocks (`*common.conf`). */
function listConfs(dir: string): string[] {
  return readdirSync(join(CONFIG_DIR, dir))
    .filter((f) => f.endsWith('.conf') && !f.endsWith('common.conf'))
    .map((f) => f.slice(0, -'.conf'.length))
    .sort();
}

/** Names of the filters shipped. */
export const listFilters = (): string[] => listConfs('filter.d');
/** Names of the actions shipped. */
export const listActions = (): string[] => listConfs('action.d');
