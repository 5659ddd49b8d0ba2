/** @module fail2ban.test: Debian's Fail2Ban reads our tree and agrees with every sample line. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fail2banAvailable, PYTHON } from '@f2b/test-utils';
import { CONFIG_DIR, listActions, listFilters } from './_tree.js';

const available = fail2banAvailable();
if (!available) console.log('skipping differential tests: Debian fail2ban is not installed (CI installs it)');

function runScript(script: string): { code: number | null; lines: string[] } {
  const result = spawnSync(PYTHON, [join(CONFIG_DIR, 'test', script)], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, lines: `${result.stdout}${result.stderr}`.trim().split('\n') };
}

describe.runIf(available)('with Fail2Ban as the reference', () => {
  it('every filter matches exactly its failJSON samples, hosts, users and times included', () => {
    const { code, lines } = runScript('validate-with-fail2ban.py');
    expect(lines.filter((l) => !l.startsWith('ok '))).toEqual([]);
    expect(lines.map((l) => l.split(' ')[1])).toEqual(listFilters());
    expect(code).toBe(0);
  });

  it('every action loads, and the ones needing no root ban and unban', () => {
    const { code, lines } = runScript('check-actions-with-fail2ban.py');
    expect(lines.filter((l) => !l.startsWith('ok '))).toEqual([]);
    expect(lines.filter((l) => l.endsWith(' reads')).map((l) => l.split(' ')[1])).toEqual(listActions());
    expect(lines.filter((l) => l.endsWith(' runs'))).toHaveLength(4);
    expect(code).toBe(0);
  });

  it('fail2ban-client reads jail.conf with every jail enabled', async () => {
    const { makeTempTree } = await import('@f2b/test-utils');
    const { cpSync } = await import('node:fs');
    const tree = makeTempTree({ 'jail.local': '[DEFAULT]\nenabled = true\n' });
    try {
      for (const part of ['fail2ban.conf', 'jail.conf', 'paths-common.conf', 'paths-debian.conf', 'filter.d', 'action.d', 'jail.d']) {
        cpSync(join(CONFIG_DIR, part), tree.path(part), { recursive: true });
      }
      const result = spawnSync('fail2ban-client', ['-c', tree.dir, '-d'], { encoding: 'utf8', timeout: 60_000 });
      expect(result.status, result.stderr).toBe(0);
      const started = result.stdout.split('\n').filter((l) => l.startsWith("['start', "));
      expect(started).toHaveLength(28);
      expect(result.stderr).not.toMatch(/ERROR/);
    } finally {
      tree.remove();
    }
  });
});

describe.runIf(available)('the validator itself', () => {
  it('reports a greedy catch-all before <HOST>, a wrong match and a rule without a sample', async () => {
    const { makeTempTree } = await import('@f2b/test-utils');
    const tree = makeTempTree({
      'filter.d/greedy.conf': '[Definition]\nfailregex = ^\\s*login failed: .* from <HOST>\n',
      'filter.d/wrong.conf': '[Definition]\nfailregex = ^\\s*login failed for \\S+ from <HOST>$\n          ^\\s*never used <HOST>$\n',
      'test/logs/greedy': '# failJSON: { "match": true, "host": "192.0.2.1" }\n2005-08-14 10:00:00 login failed: x from 192.0.2.1\n',
      'test/logs/wrong': '# failJSON: { "match": true, "host": "192.0.2.2" }\n2005-08-14 10:00:00 login failed for x from 192.0.2.1\n',
    });
    try {
      const result = spawnSync(PYTHON, [join(CONFIG_DIR, 'test', 'validate-with-fail2ban.py'), '--config', tree.dir, '--logs', tree.path('test/logs')], { encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(1);
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^FAIL greedy: greedy: failregex 0 has a greedy catch-all before <HOST>/);
      expect(lines[1]).toMatch(/^FAIL wrong: test\/logs\/wrong:2: host is '192\.0\.2\.1', expected '192\.0\.2\.2'/);
      tree.write('test/logs/wrong', '# failJSON: { "match": true, "host": "192.0.2.1" }\n2005-08-14 10:00:00 login failed for x from 192.0.2.1\n');
      const again = spawnSync(PYTHON, [join(CONFIG_DIR, 'test', 'validate-with-fail2ban.py'), '--config', tree.dir, '--logs', tree.path('test/logs'), '--only', 'wrong'], { encoding: 'utf8', timeout: 60_000 });
      expect(again.stdout).toMatch(/^FAIL wrong: wrong \{\}: failregex 1 has no matching sample: \^\\s\*never used <HOST>\$/);
    } finally {
      tree.remove();
    }
  });
});
