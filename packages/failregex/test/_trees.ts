/** @module _trees: the filter trees tests run over — f2b's bundled one and Debian's Fail2Ban — with their sample logs. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAIL2BAN_CONFIG_DIR, FAIL2BAN_TESTS_DIR, fail2banAvailable } from '@f2b/test-utils';

export interface FilterTree {
  readonly label: string;
  readonly confDir: string;
  readonly logsDir: string;
  /** Filter names (without .conf), `common` and include-only files left out. */
  readonly filters: readonly string[];
}

const BUNDLED = fileURLToPath(new URL('../../config', import.meta.url));

function listFilters(confDir: string): string[] {
  return readdirSync(join(confDir, 'filter.d'))
    .filter((f) => f.endsWith('.conf') && !f.endsWith('common.conf'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** The trees present on this machine; Debian's only when fail2ban is installed (CI installs it). */
export function listFilterTrees(): FilterTree[] {
  const trees: FilterTree[] = [];
  if (existsSync(join(BUNDLED, 'filter.d'))) {
    trees.push({ label: 'bundled', confDir: BUNDLED, logsDir: join(BUNDLED, 'test', 'logs'), filters: listFilters(BUNDLED) });
  }
  if (fail2banAvailable()) {
    trees.push({ label: 'debian', confDir: FAIL2BAN_CONFIG_DIR, logsDir: join(FAIL2BAN_TESTS_DIR, 'logs'), filters: listFilters(FAIL2BAN_CONFIG_DIR) });
  } else {
    console.log('Debian filters skipped: fail2ban is not installed');
  }
  return trees;
}
