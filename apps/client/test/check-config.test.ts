import { describe, expect, it } from 'vitest';
import { makeTempTree } from '@f2b/test-utils';
import { runF2bClient } from './_client-harness.js';

describe('f2b-client -t / -d', () => {
  it('reports a tree without jail.conf as failed, exit 255', async () => {
    const tree = makeTempTree({ 'fail2ban.conf': '[Definition]\nloglevel = INFO\n' });
    try {
      const run = await runF2bClient(['-c', tree.dir, '-t']);
      expect(run.status).toBe(255);
      expect(run.stderr).toMatch(/ERROR: test configuration failed\n$/);
    } finally {
      tree.remove();
    }
  });

  it('tests and dumps a minimal tree; the socket comes from its fail2ban.conf', async () => {
    const tree = makeTempTree({
      'fail2ban.conf': '[Definition]\nloglevel = NOTICE\nsocket = /tmp/f2b-test-nowhere.sock\n',
      'jail.conf': '[DEFAULT]\nbantime = 600\n',
    });
    try {
      expect(await runF2bClient(['-c', tree.dir, '-t'])).toEqual({ status: 0, stdout: 'OK: configuration test is successful\n', stderr: '' });
      const dump = await runF2bClient(['-c', tree.dir, '-d']);
      expect(dump.status).toBe(0);
      expect(dump.stdout.split('\n')).toContain('["set","loglevel","NOTICE"]');
      const ping = await runF2bClient(['-c', tree.dir, 'ping']);
      expect(ping).toEqual({ status: 255, stdout: '', stderr: 'Failed to access socket path: /tmp/f2b-test-nowhere.sock. Is f2b-server running?\n' });
    } finally {
      tree.remove();
    }
  });
});
