// @f2b/fleet: a ban published by one link reaches another through a real redis-server (password set), and status masks it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFleetLink, createMemoryFleetStore, parseFleetSettings } from '@f2b/fleet';

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const dir = mkdtempSync(join(tmpdir(), 'f2b-consumer-fleet-'));
const password = 'consumer-check-secret';
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--dir', dir], { stdio: 'ignore' });
const quiet = { debug() {}, info() {}, warn() {} };
const received = [];
const make = (origin, apply) => {
  const { settings } = parseFleetSettings({ url: `redis://:${password}@127.0.0.1:${port}/0`, stream: 'f2b:consumer', origin }, 'consumer [Fleet]');
  const link = createFleetLink({ settings, store: createMemoryFleetStore(), log: quiet, apply });
  link.start();
  return link;
};
try {
  const a = make('a', async () => {});
  const b = make('b', async (events) => {
    received.push(...events);
  });
  a.publish({ kind: 'ban', jail: 'sshd', ip: '192.0.2.7', time: Date.now() / 1000, bantime: 600, bancount: 1 });
  const deadline = Date.now() + 15_000;
  while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(received.map((e) => [e.origin, e.kind, e.jail, e.ip]), [['a', 'ban', 'sshd', '192.0.2.7']]);
  assert.ok(!JSON.stringify(a.status()).includes(password), 'status shows no password');
  await Promise.all([a.stop(), b.stop()]);
} finally {
  redis.kill();
  rmSync(dir, { recursive: true, force: true });
}
