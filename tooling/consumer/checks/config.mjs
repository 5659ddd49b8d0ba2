// @f2b/config: the bundled tree is in the package, and @f2b/config-reader reads it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { configDir } from '@f2b/config';
import { readFilter } from '@f2b/config-reader';

for (const file of ['fail2ban.conf', 'jail.conf', 'filter.d/sshd.conf', 'test/logs/sshd']) {
  assert.ok(existsSync(join(configDir, file)), `${file} is missing from ${configDir}`);
}
assert.ok(readFilter(configDir, 'sshd').failregex.length > 0);
