// @f2b/config-reader alone: read a small Fail2Ban tree (jail.conf + jail.local + filter.d + action.d).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, readConfig, readFilter } from '@f2b/config-reader';

const dir = mkdtempSync(join(tmpdir(), 'f2b-consumer-tree-'));
try {
  for (const sub of ['filter.d', 'action.d']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'jail.conf'), '[DEFAULT]\nmaxretry = 5\nfindtime = 10m\nbantime = 1h\naction = note\n\n[web]\nfilter = web\nlogpath = /var/log/web.log\n');
  writeFileSync(join(dir, 'jail.local'), '[web]\nenabled = true\nmaxretry = 3\n');
  writeFileSync(join(dir, 'filter.d', 'web.conf'), '[Definition]\nfailregex = ^bad login from <HOST>$\n');
  writeFileSync(join(dir, 'action.d', 'note.conf'), '[Definition]\nactionban = echo <ip>\nactionunban = echo <ip>\n');
  const config = readConfig(dir);
  assert.deepEqual(config.errors, []);
  const [jail] = config.jails;
  assert.equal(jail?.name, 'web');
  assert.deepEqual([jail.maxretry, jail.findtime, jail.bantime], [3, 600, 3600]);
  assert.deepEqual(jail.actions.map((a) => a.name), ['note']);
  assert.deepEqual(readFilter(dir, 'web').failregex, ['^bad login from <HOST>$']);
  assert.throws(() => readFilter(dir, 'nosuch'), ConfigError);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
