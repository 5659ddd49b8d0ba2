/** @module metrics: the server's Prometheus metrics (read from the jails at scrape time) and its HTTP endpoint. */
import { statSync } from 'node:fs';
import {
  addScrapedCounter,
  addScrapedGauge,
  createMetricsRegistry,
  Histogram,
  parseListenAddress,
  readTokenFile,
  startMetricsEndpoint,
  type EndpointLimits,
  type GaugeReader,
  type MetricsEndpoint,
  type Registry,
} from '@f2b/metrics';
import type { JailStatus } from '@f2b/jail';
import { JailCounters, type JailInstruments } from './_jail-instruments.js';
import type { JailRuntime } from './jail-runtime.js';
import { serverStatus } from './status-overview.js';
import { VERSION, type F2bServer } from './server.js';

type Labels = Record<string, string>;


/**
 * The server's metrics. Jails bump plain numbers (JailCounters); prom-client reads them in its
 * `collect` callbacks when `/metrics` is scraped. Other modules add theirs through `registry`
 * (see `addScrapedGauge`).
 */
export class ServerMetrics {
  readonly registry: Registry = createMetricsRegistry();
  private readonly instruments = new Map<string, JailInstruments>();
  private readonly parseTime: Histogram;
  private readonly banLatency: Histogram;
  private readonly databaseWrite: Histogram;
  private endpoint: MetricsEndpoint | null = null;
  /** Each jail's status, read once per scrape (several metrics need it; `status()` sorts the bans). */
  private snapshot: Array<{ runtime: JailRuntime; status: JailStatus }> | null = null;

  constructor(private readonly server: F2bServer) {
    const registers = [this.registry];
    this.parseTime = new Histogram({
      name: 'f2b_parse_time_seconds',
      help: 'Time the filter takes on one log line (the first line of each batch and every 256th are timed)',
      labelNames: ['jail'],
      buckets: [1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 1e-3, 1e-2, 0.1],
      registers,
    });
    this.banLatency = new Histogram({
      name: 'f2b_ban_latency_seconds',
      help: 'Time from a log line being read to the ban actions it caused being done',
      labelNames: ['jail'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.databaseWrite = new Histogram({
      name: 'f2b_database_write_seconds',
      help: 'Time to record a ban in the database',
      labelNames: ['jail'],
      buckets: [1e-4, 5e-4, 1e-3, 5e-3, 0.01, 0.05, 0.1, 0.5, 1],
      registers,
    });
    this.defineExporterMetrics();
    this.defineJailCounters();
    this.defineRuntimeGauges();
  }

  /** The counters of jail `name` (the same object across reloads, so totals only grow). */
  instrumentsFor(name: string): JailInstruments {
    let found = this.instruments.get(name);
    if (!found) {
      found = {
        counters: new JailCounters(),
        parseTime: this.parseTime.labels({ jail: name }),
        banLatency: this.banLatency.labels({ jail: name }),
        databaseWrite: this.databaseWrite.labels({ jail: name }),
      };
      this.instruments.set(name, found);
    }
    return found;
  }

  /** The bound address, once open. */
  get address(): { host: string; port: number } | null {
    return this.endpoint?.address ?? null;
  }

  /** Opens the endpoint for `metrics = HOST:PORT`; throws MetricsConfigError (one line) when it cannot. */
  async open(listenText: string, tokenFile: string | null, limits?: EndpointLimits): Promise<void> {
    const listen = parseListenAddress(listenText);
    const token = tokenFile === null ? null : readTokenFile(tokenFile);
    this.endpoint = await startMetricsEndpoint({
      listen,
      token,
      metrics: {
        contentType: this.registry.contentType,
        metrics: () => {
          this.snapshot = null;
          return this.registry.metrics();
        },
      },
      status: () => serverStatus(this.server),
      title: 'f2b status',
      ...(limits ? { limits } : {}),
      onError: (error) => this.server.log.logger.error(`metrics endpoint: ${error.message}`),
    });
  }

  async close(): Promise<void> {
    await this.endpoint?.close();
    this.endpoint = null;
  }

  private jailRows(): Array<{ runtime: JailRuntime; status: JailStatus }> {
    this.snapshot ??= [...this.server.jails.values()].map((runtime) => ({ runtime, status: runtime.jail.status() }));
    return this.snapshot;
  }

  private perJail(value: (row: { runtime: JailRuntime; status: JailStatus }) => number): GaugeReader {
    return () => this.jailRows().map((row) => [{ jail: row.runtime.name }, value(row)] as const);
  }

  /** The names hectorjsmith/fail2ban-prometheus-exporter serves, so its Grafana dashboards keep working. */
  private defineExporterMetrics(): void {
    const r = this.registry;
    addScrapedGauge(r, 'f2b_up', 'Whether the f2b server is up (1: it is; this endpoint is the server)', [], () => [[{}, 1]]);
    addScrapedGauge(r, 'f2b_jail_count', 'Number of running jails', [], () => [[{}, this.server.jails.size]]);
    addScrapedGauge(r, 'f2b_jail_banned_current', 'Addresses banned now', ['jail'], this.perJail((j) => j.status.currentlyBanned));
    addScrapedCounter(r, 'f2b_jail_banned_total', 'Bans since the jail started', ['jail'], this.perJail((j) => j.status.totalBanned));
    addScrapedGauge(r, 'f2b_jail_failed_current', 'Failures counted now (within findtime, not banned yet)', ['jail'], this.perJail((j) => j.status.currentlyFailed));
    addScrapedCounter(r, 'f2b_jail_failed_total', 'Failures since the jail started', ['jail'], this.perJail((j) => j.status.totalFailed));
    addScrapedGauge(r, 'f2b_config_jail_ban_time', 'How long an address is banned, in seconds (-1: forever)', ['jail'], this.perJail((j) => j.runtime.spec.bantime));
    addScrapedGauge(r, 'f2b_config_jail_find_time', 'How far back failures are counted, in seconds', ['jail'], this.perJail((j) => j.runtime.spec.findtime));
    addScrapedGauge(r, 'f2b_config_jail_max_retries', 'Failures allowed before a ban', ['jail'], this.perJail((j) => j.runtime.spec.maxretry));
  }

  private counterOf(read: (c: JailCounters) => number): GaugeReader {
    return () => [...this.instruments].map(([jail, m]) => [{ jail }, read(m.counters)] as const);
  }

  /** Counts kept by the jails since the server started (they survive reloads). */
  private defineJailCounters(): void {
    const r = this.registry;
    const backendOf = (jail: string) => this.server.jails.get(jail)?.spec.backend ?? 'stopped';
    addScrapedCounter(r, 'f2b_log_lines_read_total', 'Log lines read', ['jail', 'backend'], () =>
      [...this.instruments].map(([jail, m]) => [{ jail, backend: backendOf(jail) }, m.counters.linesRead] as const),
    );
    addScrapedCounter(r, 'f2b_log_lines_matched_total', 'Log lines a failregex matched', ['jail'], this.counterOf((c) => c.linesMatched));
    addScrapedCounter(r, 'f2b_log_lines_ignored_total', 'Log lines an ignoreregex matched', ['jail'], this.counterOf((c) => c.linesIgnored));
    addScrapedCounter(r, 'f2b_log_lines_missed_total', 'Log lines no regex matched', ['jail'], this.counterOf((c) => c.linesMissed));
    addScrapedCounter(r, 'f2b_failures_found_total', 'Failures the filter found', ['jail'], this.counterOf((c) => c.failuresFound));
    addScrapedCounter(r, 'f2b_bans_total', 'Bans made (restored bans not counted)', ['jail'], this.counterOf((c) => c.bans));
    addScrapedCounter(r, 'f2b_unbans_total', 'Bans lifted', ['jail'], this.counterOf((c) => c.unbans));
    addScrapedCounter(r, 'f2b_filter_seconds_total', 'Time spent on log lines: the filter (dates, prefregex, failregex, ignoreregex) and counting failures; bans not included', ['jail'], this.counterOf((c) => c.filterSeconds));
    addScrapedCounter(r, 'f2b_action_runs_total', 'Action calls (start, stop, ban, unban)', ['jail', 'action', 'operation'], () => this.actionRows((c) => c.actionRuns, ['action', 'operation']));
    addScrapedCounter(r, 'f2b_action_failures_total', 'Action calls that failed, by exit code (or timeout, signal, error)', ['jail', 'action', 'operation', 'exit_code'], () =>
      this.actionRows((c) => c.actionFailures, ['action', 'operation', 'exit_code']),
    );
  }

  private actionRows(table: (c: JailCounters) => Map<string, number>, names: readonly string[]): Array<readonly [Labels, number]> {
    const rows: Array<readonly [Labels, number]> = [];
    for (const [jail, m] of this.instruments) {
      for (const [key, value] of table(m.counters)) {
        const labels: Labels = { jail };
        key.split('\0').forEach((part, index) => {
          labels[names[index] as string] = part;
        });
        rows.push([labels, value]);
      }
    }
    return rows;
  }

  /** State read when scraped: queue depth, lag behind the end of each log file. */
  private defineRuntimeGauges(): void {
    const r = this.registry;
    addScrapedGauge(r, 'f2b_action_queue_depth', 'Action calls queued or running', ['jail'], this.counterOf((c) => c.actionsPending));
    addScrapedGauge(r, 'f2b_backend_lag_bytes', 'Bytes between the last line read and the end of the log file', ['jail', 'backend', 'log'], () => this.lagRows());
    addScrapedGauge(r, 'f2b_build_info', 'The f2b version running', ['version'], () => [[{ version: VERSION }, 1]]);
  }

  private lagRows(): Array<readonly [Labels, number]> {
    const rows: Array<readonly [Labels, number]> = [];
    for (const runtime of this.server.jails.values()) {
      if (runtime.spec.backend.startsWith('systemd')) continue;
      const positions = this.instruments.get(runtime.name)?.counters.positions;
      for (const file of runtime.files()) {
        let size: number;
        try {
          size = statSync(file).size;
        } catch {
          continue;
        }
        // A file truncated or rotated since the last read is read again from its start.
        const read = positions?.get(file) ?? 0;
        rows.push([{ jail: runtime.name, backend: runtime.spec.backend, log: file }, size >= read ? size - read : size]);
      }
    }
    return rows;
  }
}
