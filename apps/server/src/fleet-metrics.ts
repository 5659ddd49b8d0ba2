/** @module fleet-metrics: the fleet link's gauges and counters on the metrics endpoint, read at scrape time. */
import type { FleetStatus } from '@f2b/fleet';
import { addScrapedCounter, addScrapedGauge, type Registry } from '@f2b/metrics';

/**
 * Registers the fleet's series. `status` is asked at each scrape (the link can be replaced by a
 * reload); without a link the series have no samples (hence the one `stream` label: prom-client shows an
 * unlabelled series as 0 even when nothing was read). The URL is never a label: it can hold a password.
 */
export function registerFleetMetrics(registry: Registry, status: () => FleetStatus | null): void {
  const one = (value: (s: FleetStatus) => number | null) => () => {
    const s = status();
    const v = s === null ? null : value(s);
    return s === null || v === null ? [] : [[{ stream: s.stream }, v] as const];
  };
  addScrapedGauge(registry, 'f2b_fleet_connected', 'Whether the fleet link reaches Redis (1) or not (0)', ['stream'], one((s) => (s.connected ? 1 : 0)));
  addScrapedGauge(registry, 'f2b_fleet_lag_seconds', "Time from the last applied peer event's entry into the stream to its application here", ['stream'], one((s) => (s.lagMs === null ? null : s.lagMs / 1000)));
  addScrapedGauge(registry, 'f2b_fleet_queued_events', 'Local ban changes waiting to be sent to Redis', ['stream'], one((s) => s.queued));
  addScrapedCounter(registry, 'f2b_fleet_published_total', 'Local ban changes sent to the fleet', ['stream'], one((s) => s.published));
  addScrapedCounter(registry, 'f2b_fleet_applied_total', "Peers' ban changes applied here", ['stream'], one((s) => s.applied));
}
