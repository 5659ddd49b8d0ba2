import { describe, it, expect } from 'vitest';
import { createServer, connect, type AddressInfo } from 'node:net';
import { createGuard, AddressError, JailOptionError, type GuardBan, type GuardOptions } from '@f2b/jail';

function makeGuard(options: GuardOptions = {}) {
  const clock = { t: 5000 };
  const guard = createGuard({ maxAttempts: 3, window: 10, initialBan: 60, banIncrement: 30, now: () => clock.t, ...options });
  return { guard, clock };
}

describe('createGuard', () => {
  it('accepts maxAttempts connections within the window and refuses the next one', () => {
    const { guard } = makeGuard();
    expect([guard('192.0.2.1'), guard('192.0.2.1'), guard('192.0.2.1')]).toEqual([true, true, true]);
    expect(guard('192.0.2.1')).toBe(false);
    expect(guard('192.0.2.2')).toBe(true);
  });

  it('slides the window: attempts older than window seconds no longer count', () => {
    const { guard, clock } = makeGuard();
    guard('192.0.2.1');
    clock.t += 5;
    guard('192.0.2.1');
    guard('192.0.2.1');
    clock.t += 5; // the first attempt is now exactly window old: out
    expect(guard('192.0.2.1')).toBe(true);
    expect(guard('192.0.2.1')).toBe(false);
  });

  it('bans for initialBan seconds and adds banIncrement for each attempt while banned', () => {
    const bans: GuardBan[] = [];
    const { guard, clock } = makeGuard({ onBan: (ban) => bans.push(ban) });
    for (let i = 0; i < 4; i++) guard('192.0.2.1');
    expect(guard.isBanned('192.0.2.1')).toBe(true);
    clock.t += 59;
    expect(guard('192.0.2.1')).toBe(false); // ban now ends at 5000 + 60 + 30
    clock.t = 5089;
    expect(guard.isBanned('192.0.2.1')).toBe(true);
    clock.t = 5090;
    expect(guard.isBanned('192.0.2.1')).toBe(false);
    expect(guard('192.0.2.1')).toBe(true); // a fresh start: previous attempts are gone
    expect(bans).toEqual([{ ip: '192.0.2.1', until: 5060 }, { ip: '192.0.2.1', until: 5090 }]);
  });

  it('always refuses the blacklist and always accepts the whitelist, IPv4 and IPv6, networks included', () => {
    const { guard } = makeGuard({ blacklist: ['198.51.100.0/24', '2001:db8:bad::/48'], whitelist: ['192.0.2.10', '2001:db8::/32', '198.51.100.7'] });
    expect(guard('198.51.100.7')).toBe(false); // the blacklist wins
    expect(guard('198.51.100.255')).toBe(false);
    expect(guard('198.51.101.0')).toBe(true);
    expect(guard('2001:db8:bad::1')).toBe(false);
    for (let i = 0; i < 10; i++) expect(guard('192.0.2.10')).toBe(true);
    for (let i = 0; i < 10; i++) expect(guard('2001:db8:1::1')).toBe(true);
    expect(guard.size).toBe(1); // only 198.51.101.0: listed addresses are never tracked
  });

  it('treats IPv6 forms of one address, and IPv4-mapped IPv6, as the same address', () => {
    const { guard } = makeGuard();
    guard('2001:DB8::1');
    guard('2001:db8:0::1');
    guard('::ffff:192.0.2.1');
    expect(guard('2001:db8::0:1')).toBe(true);
    expect(guard('2001:db8::1')).toBe(false);
    expect(guard.isBanned('2001:0db8::1')).toBe(true);
  });

  it('bounds memory: at most maxTracked addresses of attempts and of bans', () => {
    const { guard } = makeGuard({ maxTracked: 100, maxAttempts: 1 });
    for (let i = 0; i < 1000; i++) guard(`10.0.${i >> 8}.${i & 255}`);
    for (let i = 0; i < 1000; i++) guard(`10.1.${i >> 8}.${i & 255}`) && guard(`10.1.${i >> 8}.${i & 255}`);
    expect(guard.size).toBeLessThanOrEqual(200);
    expect(guard.listBans().length).toBeLessThanOrEqual(100);
  });

  it('starts from stored bans and lifts them on unban', () => {
    const { guard } = makeGuard({ bans: [{ ip: '192.0.2.9', until: 6000 }, { ip: '192.0.2.8', until: 4000 }] });
    expect(guard('192.0.2.9')).toBe(false);
    expect(guard('192.0.2.8')).toBe(true);
    expect(guard.listBans()).toEqual([{ ip: '192.0.2.9', until: 6030 }]);
    expect(guard.unban('192.0.2.9')).toBe(true);
    expect(guard('192.0.2.9')).toBe(true);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => createGuard({ blacklist: ['not-an-ip'] })).toThrow(AddressError);
    expect(() => createGuard({ blacklist: ['not-an-ip'] })).toThrow("guard option 'blacklist': 'not-an-ip' is not an IP address or CIDR network");
    expect(() => createGuard({ maxAttempts: 0 })).toThrow(JailOptionError);
    expect(() => createGuard({ window: -1 })).toThrow("jail 'guard': option 'window': -1 is not a positive number");
  });

  it('guards a real net.Server on loopback across many connections', async () => {
    const clock = { t: 1000 };
    const guard = createGuard({ maxAttempts: 5, window: 60, initialBan: 300, now: () => clock.t });
    const server = createServer((socket) => {
      if (!guard(socket.remoteAddress ?? '')) {
        socket.destroy();
        return;
      }
      socket.end('welcome\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dial = () =>
      new Promise<string>((resolve) => {
        let data = '';
        const client = connect(port, '127.0.0.1');
        client.on('data', (chunk) => (data += chunk));
        client.on('close', () => resolve(data));
        client.on('error', () => resolve(data));
      });
    try {
      const replies: string[] = [];
      for (let i = 0; i < 40; i++) replies.push(await dial());
      expect(replies.slice(0, 5)).toEqual(Array(5).fill('welcome\n'));
      expect(replies.slice(5)).toEqual(Array(35).fill(''));
      expect(guard.isBanned('127.0.0.1')).toBe(true);
      clock.t += 300 + 35 * 360 + 1;
      expect(await dial()).toBe('welcome\n');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
