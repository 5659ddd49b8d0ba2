import type { FleetStatus } from '@f2b/fleet';
import { createMetricsRegistry } from '@f2b/metrics';
import { describe, expect, it } from 'vitest';
import { registerFleetMetrics } from '../src/fleet-metrics.js';

const linkStatus = (over: Partial<FleetStatus>): FleetStatus => ({
  url: 'redis://f2b:***@127.0.0.1:6379/0',
  stream: 'f2b:bans',
  origin: 'web1',
  connected: true,
  lastId: '1-0',
  lagMs: 250,
  queued: 0,
  published: 4,
  applied: 7,
  downSince: null,
  ...over,
});

const samples = async (registry: ReturnType<typeof createMetricsRegistry>): Promise<string[]> =>
  (await registry.metrics()).split('\n').filter((line) => line.startsWith('f2b_fleet_'));

describe('fleet metrics', () => {
  it('read the link at each scrape, and have no samples without a link', async () => {
    const registry = createMetricsRegistry();
    let status: FleetStatus | null = null;
    registerFleetMetrics(registry, () => status);
    expect(await samples(registry)).toEqual([]);

    status = linkStatus({});
    expect(await samples(registry)).toEqual([
      'f2b_fleet_connected{stream="f2b:bans"} 1',
      'f2b_fleet_lag_seconds{stream="f2b:bans"} 0.25',
      'f2b_fleet_queued_events{stream="f2b:bans"} 0',
      'f2b_fleet_published_total{stream="f2b:bans"} 4',
      'f2b_fleet_applied_total{stream="f2b:bans"} 7',
    ]);

    status = linkStatus({ connected: false, lagMs: null, queued: 12, published: 4 });
    const down = await samples(registry);
    expect(down).toContain('f2b_fleet_connected{stream="f2b:bans"} 0');
    expect(down).toContain('f2b_fleet_queued_events{stream="f2b:bans"} 12');
    expect(down.some((line) => line.startsWith('f2b_fleet_lag_seconds'))).toBe(false);
    expect((await registry.metrics()).includes('redis://')).toBe(false);
  });
});
