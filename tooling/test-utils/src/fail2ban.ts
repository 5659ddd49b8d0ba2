/** @module fail2ban: where Debian's Fail2Ban (the reference implementation) lives on a test machine. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The Python that runs Debian's fail2ban module. */
export const PYTHON = '/usr/bin/python3';
/** Debian's Fail2Ban configuration tree. */
export const FAIL2BAN_CONFIG_DIR = '/etc/fail2ban';
/** Fail2Ban's own sample logs with `# failJSON:` lines. */
export const FAIL2BAN_TESTS_DIR = '/usr/lib/python3/dist-packages/fail2ban/tests/files';

/** True when Debian's fail2ban package is installed (CI installs it; differential tests need it). */
export function fail2banAvailable(): boolean {
  return existsSync('/usr/bin/fail2ban-client') && existsSync(FAIL2BAN_CONFIG_DIR);
}

/** Where a snapshot of Fail2Ban's development branch is looked for, and why it was not found. */
export interface Fail2banUpstream {
  /** The snapshot's root (holds `config/`, `fail2ban/`), or null when absent. */
  readonly dir: string | null;
  /** Why the snapshot is absent (for a skip message), or where it was found. */
  readonly reason: string;
}

/**
 * Finds the upstream snapshot (test input only, never part of the repo): `$F2B_UPSTREAM_DIR`, else
 * `shared/fail2ban-upstream` beside the repo or beside one of its parent directories (a worktree
 * sits deeper than the main clone). Clean clones in CI have none: tests that need it skip, naming why.
 */
export function findFail2banUpstream(from: string = process.cwd()): Fail2banUpstream {
  const isSnapshot = (dir: string): boolean => existsSync(join(dir, 'fail2ban', 'server', 'filter.py')) && existsSync(join(dir, 'config', 'filter.d'));
  const env = process.env['F2B_UPSTREAM_DIR'];
  if (env !== undefined && env !== '') {
    return isSnapshot(env) ? { dir: resolve(env), reason: `F2B_UPSTREAM_DIR=${env}` } : { dir: null, reason: `F2B_UPSTREAM_DIR=${env} is not a Fail2Ban source snapshot (no fail2ban/server/filter.py and config/filter.d)` };
  }
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dirname(dir), 'shared', 'fail2ban-upstream');
    if (isSnapshot(candidate)) return { dir: candidate, reason: candidate };
    if (dirname(dir) === dir) break;
  }
  return { dir: null, reason: `no Fail2Ban upstream snapshot: set F2B_UPSTREAM_DIR or put one at ../shared/fail2ban-upstream (searched up from ${resolve(from)})` };
}
