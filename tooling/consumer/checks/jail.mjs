// @f2b/jail: createGuard guards a net.Server (the 4th connection from one address is refused), and a jail bans.
import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import { createGuard, createJail } from '@f2b/jail';

const guard = createGuard({ maxAttempts: 3, window: 60, initialBan: 360 });
const server = createServer((socket) => {
  if (!guard(socket.remoteAddress ?? '')) return socket.destroy();
  socket.end('welcome\n');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const replies = [];
for (let i = 0; i < 5; i++) {
  replies.push(await new Promise((resolve) => {
    let text = '';
    connect(port, '127.0.0.1').on('data', (d) => (text += d)).on('error', () => {}).on('close', () => resolve(text.trim() || 'refused'));
  }));
}
server.close();
assert.deepEqual(replies, ['welcome', 'welcome', 'welcome', 'refused', 'refused']);
assert.deepEqual(guard.listBans().map((b) => b.ip), ['127.0.0.1']);

let now = 1_700_000_000;
const jail = createJail({ name: 'sshd', maxretry: 2, findtime: 600, bantime: 600, now: () => now });
assert.equal(await jail.processFailure({ id: '192.0.2.7', time: now, matches: [] }), null);
const ticket = await jail.processFailure({ id: '192.0.2.7', time: now, matches: [] });
assert.equal(ticket?.ip, '192.0.2.7');
now += 601;
assert.deepEqual(jail.expireBans().map((t) => t.ip), ['192.0.2.7']);
