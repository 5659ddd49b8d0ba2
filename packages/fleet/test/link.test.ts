import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startRedis, type TestRedis } from '@f2b/test-utils';
import { createFleetLink, createMemoryFleetStore, parseFleetSettings, type FleetEvent, type FleetLink, type FleetStore, type RemoteEvent } from '@f2b/fleet';

let redis: TestRedis;
const links: FleetLink[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.stop()));
});
afterAll(async () => {
  await redis.remove();
});

interface Peer {
  link: FleetLink;
  store: FleetStore;
  received: RemoteEvent[];
  logs: string[];
}

function peer(origin: string, stream: string, store: FleetStore = createMemoryFleetStore()): Peer {
  const { settings } = parseFleetSettings({ url: redis.url, stream, origin }, 'test [Fleet]');
  const received: RemoteEvent[] = [];
  const logs: string[] = [];
  const log = { debug: () => {}, info: (m: string) => logs.push(`info ${m}`), warn: (m: string) => logs.push(`warn ${m}`) };
  const link = createFleetLink({ settings, store, log, apply: async (events) => void received.push(...events) });
  links.push(link);
  link.start();
  return { link, store, received, logs };
}

const ban = (ip: string, jail = 'sshd'): FleetEvent => ({ kind: 'ban', jail, ip, time: 1_700_000_000, bantime: 600, bancount: 1 });

async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('fleet link on a real redis-server', () => {
  it('delivers a ban to the other peers and not back to its sender', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((o) => peer(o, 'deliver'));
    await until('connected', () => [a, b, c].every((p) => p!.link.status().connected));
    a!.link.publish(ban('192.0.2.1'));
    await until('b and c got it', () => b!.received.length === 1 && c!.received.length === 1);
    expect(b!.received[0]).toMatchObject({ kind: 'ban', jail: 'sshd', ip: '192.0.2.1', origin: 'a', bantime: 600, bancount: 1, seq: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(a!.received).toEqual([]);
    expect(a!.link.status()).toMatchObject({ published: 1, queued: 0, connected: true });
    expect(b!.link.status().lastId).toBe(b!.received[0]!.id);
  });

  it('keeps what is published before start() and sends it once started', async () => {
    const b = peer('b', 'early');
    const { settings } = parseFleetSettings({ url: redis.url, stream: 'early', origin: 'a' }, 'test [Fleet]');
    const store = createMemoryFleetStore();
    const a = createFleetLink({ settings, store, log: { debug() {}, info() {}, warn() {} }, apply: async () => {} });
    links.push(a);
    a.publish(ban('192.0.2.77'));
    await new Promise((r) => setTimeout(r, 50));
    expect(store.queued()).toBe(1);
    a.start();
    await until('delivery', () => b.received.length === 1);
    expect(b.received[0]!.ip).toBe('192.0.2.77');
  });

  it('applies an event written twice (a send retried after a lost reply) once', async () => {
    const b = peer('b', 'dupes');
    await until('connected', () => b.link.status().connected);
    const raw = new Redis(redis.port, '127.0.0.1', { password: redis.password });
    const fields = ['v', '1', 'origin', 'a', 'instance', 'i1', 'kind', 'ban', 'jail', 'sshd', 'ip', '192.0.2.9', 'time', '1', 'bantime', '60', 'bancount', '1'];
    await raw.xadd('dupes', '*', ...fields, 'seq', '1');
    await raw.xadd('dupes', '*', ...fields, 'seq', '1');
    await raw.xadd('dupes', '*', ...fields, 'seq', '2');
    await raw.xadd('dupes', '*', 'v', '1', 'kind', 'ban', 'ip', 'x'.repeat(1000));
    await until('two applied', () => b.received.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(b.received.map((e) => e.seq)).toEqual([1, 2]);
    expect(b.logs.filter((l) => l.startsWith('warn'))).toEqual([
      expect.stringMatching(/^warn fleet: skipping stream entry \d+-\d+: origin, instance, jail or ip missing or malformed/),
    ]);
    raw.disconnect();
  });

  it('resumes from the stored position after a restart, without applying anything twice', async () => {
    const store = createMemoryFleetStore();
    const a = peer('a', 'resume');
    let b = peer('b', 'resume', store);
    await until('connected', () => a.link.status().connected && b.link.status().connected);
    a.link.publish(ban('192.0.2.1'));
    await until('first', () => b.received.length === 1);
    await b.link.stop();
    a.link.publish(ban('192.0.2.2'));
    a.link.publish(ban('192.0.2.3'));
    await until('sent', () => a.link.status().published === 3);
    b = peer('b', 'resume', store);
    await until('the two sent while b was away', () => b.received.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(b.received.map((e) => e.ip)).toEqual(['192.0.2.2', '192.0.2.3']);
  });

  it('queues while Redis is down, warns once, and sends everything once it is back', async () => {
    const a = peer('a', 'outage');
    const b = peer('b', 'outage');
    await until('connected', () => a.link.status().connected && b.link.status().connected);
    a.link.publish(ban('192.0.2.1'));
    await until('before the outage', () => b.received.length === 1);
    // This Redis keeps nothing: the restarted one has an empty stream, with ids past b's position.
    await redis.stop();
    await until('a sees the outage', () => !a.link.status().connected);
    for (let i = 2; i <= 50; i++) a.link.publish(ban(`192.0.2.${i}`));
    await new Promise((r) => setTimeout(r, 1500));
    expect(a.link.status()).toMatchObject({ connected: false, queued: 49 });
    expect(a.link.status().downSince).not.toBeNull();
    await redis.start();
    await until('all after the outage', () => b.received.length >= 50, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(b.received.map((e) => e.ip)).toEqual(Array.from({ length: 50 }, (_, i) => `192.0.2.${i + 1}`));
    const warnings = a.logs.filter((l) => l.startsWith('warn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warn fleet: Redis redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 unreachable/);
    expect(a.logs.join('\n')).not.toContain(redis.password);
    expect(JSON.stringify(a.link.status())).not.toContain(redis.password);
    expect(a.logs.some((l) => /^info fleet: Redis .* back after \d+s; sending/.test(l))).toBe(true);
  });

  it('reports a wrong password as an outage, without the password', async () => {
    const { settings } = parseFleetSettings({ url: `redis://:wrong-pass-xyz@127.0.0.1:${redis.port}`, stream: 's', origin: 'z' }, 'test');
    const logs: string[] = [];
    const link = createFleetLink({ settings, store: createMemoryFleetStore(), log: { debug: () => {}, info: () => {}, warn: (m) => logs.push(m) }, apply: async () => {} });
    links.push(link);
    link.start();
    link.publish(ban('192.0.2.1'));
    await until('warning', () => logs.length > 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/WRONGPASS|NOAUTH|invalid/i);
    expect(logs[0]).not.toContain('wrong-pass-xyz');
    expect(link.status()).toMatchObject({ connected: false, queued: 1 });
  });
});
