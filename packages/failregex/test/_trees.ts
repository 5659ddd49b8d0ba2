/** @module _trees: the filter trees tests run over — f2b's bundled one and Debian's Fail2Ban — with their sample logs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAIL2BAN_CONFIG_DIR, FAIL2BAN_TESTS_DIR, fail2banAvailable } from '@f2b/test-utils';
import { readFilter } from '@f2b/config-reader';
import type { FilterDefinition } from '@f2b/failregex';

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

/** A filter of a tree that reads without options, with the lines of its sample log as UTF-8 (comments, blanks and CRs left out). */
export interface SampledFilter {
  readonly name: string;
  readonly spec: FilterDefinition;
  readonly lines: readonly string[];
  /** The sample log's path. */
  readonly log: string;
}

/** Every filter of `tree` that has a sample log; include-only files and filters needing options are covered elsewhere. */
export function listSampledFilters(tree: FilterTree): SampledFilter[] {
  const out: SampledFilter[] = [];
  for (const name of tree.filters) {
    const log = join(tree.logsDir, name);
    if (!existsSync(log)) continue;
    let spec: FilterDefinition;
    try {
      spec = readFilter(tree.confDir, name);
    } catch {
      continue;
    }
    const lines = readFileSync(log, 'utf8').split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line !== '' && !line.startsWith('#'));
    out.push({ name, spec, lines, log });
  }
  return out;
}
