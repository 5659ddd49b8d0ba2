import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@f2b/database';
import { PYTHON, fail2banAvailable, makeTempTree, type TempTree } from '@f2b/test-utils';
import { fileURLToPath } from 'node:url';
import { runF2bClient } from './_client-harness.js';

const MAKE_DB = fileURLToPath(new URL('../../../packages/database/test/fixtures/make-fail2ban-db.py', import.meta.url));
const available = fail2banAvailable();
if (!available) console.log('import-fail2ban-db test skipped: Debian fail2ban is not installed');

let tree: TempTree;
afterEach(() => tree?.remove());

describe.runIf(available)('f2b-client import-fail2ban-db', () => {
  it('brings the bans of a database Fail2Ban wrote into the configured dbfile', async () => {
    tree = makeTempTree({ 'conf/fail2ban.conf': '', 'conf/jail.conf': '[DEFAULT]\n' });
    tree.write('conf/fail2ban.conf', `[Definition]\ndbfile = ${tree.path('f2b.sqlite3')}\n`);
    const now = Math.floor(Date.now() / 1000);
    const spec = {
      jails: [{ name: 'sshd', bantime: 3600 }],
      bans: [
        { jail: 'sshd', ip: '192.0.2.7', time: now - 60, bantime: 3600, bancount: 2, matches: ['line one'], failures: 5 },
        { jail: 'sshd', ip: '198.51.100.9', time: now - 7200, bantime: 600, bancount: 1, matches: [], failures: 3 },
      ],
      logs: [],
    };
    execFileSync(PYTHON, [MAKE_DB, tree.path('fail2ban.sqlite3')], { input: JSON.stringify(spec) });
    const run = await runF2bClient(['-c', tree.path('conf'), 'import-fail2ban-db', tree.path('fail2ban.sqlite3')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Imported from .*: 2 bans, 2 ban counts, 1 jails/);
    const db = openDatabase({ file: tree.path('f2b.sqlite3') });
    try {
      expect(db.currentBans({ now }).map((b) => [b.ip, b.bancount])).toEqual([['192.0.2.7', 2]]);
      expect(db.banCount('198.51.100.9', { jail: 'sshd' })?.bancount).toBe(1);
    } finally {
      db.close();
    }
  });

  it('refuses a missing argument and an unreadable source with one line', async () => {
    tree = makeTempTree({ 'conf/jail.conf': '[DEFAULT]\n' });
    tree.write('conf/fail2ban.conf', `[Definition]\ndbfile = ${tree.path('f2b.sqlite3')}\n`);
    const usage = await runF2bClient(['-c', tree.path('conf'), 'import-fail2ban-db']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^usage: import-fail2ban-db FILE/);
    const missing = await runF2bClient(['-c', tree.path('conf'), 'import-fail2ban-db', tree.path('nope.sqlite3')]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('nope.sqlite3');
  });
});
