import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificates, startRedis, type TestRedis } from '@f2b/test-utils';
import { createFleetLink, createMemoryFleetStore, parseFleetSettings, type FleetLink, type RemoteEvent } from '@f2b/fleet';

let redis: TestRedis;
let dir: string;
let ca: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'f2b-i16-tls-'));
  const files = makeTestCertificates(dir);
  ca = files.ca;
  redis = await startRedis({ tls: files });
});
afterAll(async () => {
  await redis.remove();
  rmSync(dir, { recursive: true, force: true });
});

function link(origin: string, options: Record<string, string>, received: RemoteEvent[], warnings: string[]): FleetLink {
  const { settings } = parseFleetSettings({ url: redis.url, stream: 'tls', origin, ...options }, 'test [Fleet]');
  const result = createFleetLink({ settings, store: createMemoryFleetStore(), log: { debug() {}, info() {}, warn: (m) => warnings.push(m) }, apply: async (events) => void received.push(...events) });
  result.start();
  return result;
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !check(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

describe('fleet over TLS (rediss://)', () => {
  it('shares a ban with the server certificate checked against tls.ca', async () => {
    const received: RemoteEvent[] = [];
    const warnings: string[] = [];
    const a = link('a', { 'tls.ca': ca }, [], warnings);
    const b = link('b', { 'tls.ca': ca }, received, warnings);
    try {
      await until('connected', () => a.status().connected && b.status().connected);
      a.publish({ kind: 'ban', jail: 'sshd', ip: '192.0.2.44', time: 1_700_000_000, bantime: 60, bancount: 1 });
      await until('delivery', () => received.length === 1);
      expect(received[0]).toMatchObject({ ip: '192.0.2.44', origin: 'a' });
      expect(warnings).toEqual([]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('refuses a server whose certificate the CA did not sign: one warning, nothing sent', async () => {
    const other = mkdtempSync(join(tmpdir(), 'f2b-i16-tls-other-'));
    try {
      const stranger = makeTestCertificates(other).ca;
      const warnings: string[] = [];
      const a = link('a', { 'tls.ca': stranger }, [], warnings);
      a.publish({ kind: 'ban', jail: 'sshd', ip: '192.0.2.45', time: 1_700_000_000, bantime: 60, bancount: 1 });
      await until('a warning', () => warnings.length > 0);
      await new Promise((r) => setTimeout(r, 500));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/certificate/i);
      expect(warnings[0]).not.toContain(redis.password);
      expect(a.status()).toMatchObject({ connected: false, queued: 1 });
      await a.stop();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
