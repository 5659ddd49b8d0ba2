// @f2b/transmitter: a command server on a Unix socket answers sendCommand; bad commands get error replies.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandServer, parseCommand, sendCommand } from '@f2b/transmitter';

const dir = mkdtempSync(join(tmpdir(), 'f2b-consumer-sock-'));
try {
  const socketPath = join(dir, 'f2b.sock');
  const server = await createCommandServer({ socketPath, handle: (command) => (command.kind === 'ping' ? 'pong' : command) });
  assert.equal(statSync(socketPath).mode & 0o777, 0o600);
  assert.deepEqual(await sendCommand(socketPath, ['ping']), { ok: true, result: 'pong' });
  const bad = await sendCommand(socketPath, ['set', 'sshd', 'maxretry', 'many']);
  assert.equal(bad.ok, false);
  assert.equal(parseCommand(['set', 'sshd', 'bantime', '1h 30m']).seconds, 5400);
  await server.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
