/** @module fail2ban: where Debian's Fail2Ban (the reference implementation) lives on a test machine. */
import { existsSync } from 'node:fs';

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
