/** @module registry: a prom-client registry with Node's process metrics, and the hook other modules add metrics through. */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry };

/** A registry holding the process metrics (`process_cpu_seconds_total`, `nodejs_heap_size_used_bytes`, …). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Reads a value at scrape time (label values → number); called only when Prometheus scrapes. */
export type GaugeReader = () => Iterable<readonly [Readonly<Record<string, string>>, number]>;

/**
 * A gauge whose values are read when scraped, never set on a hot path. This is also the hook for
 * modules added later (the fleet's lag): `addScrapedGauge(registry, 'f2b_fleet_lag_seconds', …)`.
 */
export function addScrapedGauge(registry: Registry, name: string, help: string, labelNames: readonly string[], read: GaugeReader): Gauge {
  return new Gauge(scrapedConfig(registry, name, help, labelNames, read, (gauge: Gauge, labels, value) => gauge.set(labels, value)));
}

/** A counter read at scrape time from a plain number kept elsewhere (it must only grow, or reset with its owner). */
export function addScrapedCounter(registry: Registry, name: string, help: string, labelNames: readonly string[], read: GaugeReader): Counter {
  return new Counter(scrapedConfig(registry, name, help, labelNames, read, (counter: Counter, labels, value) => counter.inc(labels, value)));
}

/** The settings of a metric whose samples are all replaced at each scrape by what `read` gives. */
function scrapedConfig<M extends Gauge | Counter>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly string[],
  read: GaugeReader,
  write: (metric: M, labels: Record<string, string>, value: number) => void,
) {
  return {
    name,
    help,
    labelNames: [...labelNames],
    registers: [registry],
    collect(this: M) {
      this.reset();
      for (const [labels, value] of read()) write(this, { ...labels }, value);
    },
  };
}
