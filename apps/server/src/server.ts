/** @module server: the f2b daemon — reads the config, runs the jails, answers the socket. */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandRunner } from '@f2b/actions';
import { readConfig, type ConfigSpec, type JailSpec } from '@f2b/config-reader';
import { openDatabase, type BanDatabase } from '@f2b/database';
import type { BanTicket } from '@f2b/jail';
import { createCommandServer, type CommandServer } from '@f2b/transmitter';
import { handleCommand } from './commands.js';
import { ActivityLog } from './_activity.js';
import { ServerMetrics } from './metrics.js';
import type { Registry } from '@f2b/metrics';
import { ServerFleet } from './fleet.js';
import { registerFleetMetrics } from './fleet-metrics.js';
import { JailRuntime } from './jail-runtime.js';
import { openServerLog, type ServerLog } from './logger.js';
import { ensurePrivateDir } from './_private-dir.js';
import { IdleCollector } from './_idle-gc.js';
import { ServerError } from './errors.js';

export { ServerError };

/** f2b's version, as `version` reports it. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** How often old ban history is purged from the database (Fail2Ban purges hourly). */
const PURGE_INTERVAL = 3600;

/** How the server is started (command line over fail2ban.conf). */
export interface ServerOptions {
  readonly confDir: string;
  readonly socket?: string;
  readonly logtarget?: string;
  readonly loglevel?: string;
  /** Replace a socket file even when a server answers there (`-x`). */
  readonly force?: boolean;
  /** Epoch seconds (tests). */
  readonly now?: () => number;
  readonly commandRunner?: CommandRunner;
  readonly onBan?: (jail: string, ticket: BanTicket) => void;
  /** Called once the server has stopped (the process may exit). */
  readonly onStopped?: () => void;
}


/** The running daemon. */
export class F2bServer {
  readonly jails = new Map<string, JailRuntime>();
  config: ConfigSpec;
  log: ServerLog;
  db: BanDatabase;
  socket: CommandServer | null = null;
  /** The link to the other servers of the fleet (`[Fleet]` in fail2ban.local), or null. */
  fleet: ServerFleet | null = null;
  readonly startedAt = Date.now();
  /** Recent bans, unbans and failures per minute (the status page, `status --json`). */
  readonly activity = new ActivityLog();
  /** Metrics and the HTTP endpoint, when `metrics = HOST:PORT` is set and could be opened. */
  metrics: ServerMetrics | null = null;
  private readonly metricsSetups: Array<(registry: Registry) => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private nextPurge = 0;
  private stopping: Promise<void> | null = null;
  /** Gives back the memory a burst of log lines left behind, once the jails go quiet. */
  private readonly collector = new IdleCollector();
  /** Jails being built: `set dbfile` must wait for them as for running ones. */
  startingJails = 0;
  /** The level name `get loglevel` reports (fail2ban.conf's, the flag's, or the last `set loglevel`). */
  loglevel: string;
  readonly now: () => number;

  constructor(readonly options: ServerOptions) {
    this.now = options.now ?? (() => Date.now() / 1000);
    requireConfigDir(options.confDir);
    this.config = readConfig(options.confDir);
    const { server } = this.config;
    this.loglevel = options.loglevel ?? server.loglevel;
    this.log = openServerLog(options.logtarget ?? server.logtarget, this.loglevel, server.syslogsocket);
    ensurePrivateDir(dirname(this.socketPath));
    if (server.dbfile && server.dbfile !== ':memory:') ensurePrivateDir(dirname(server.dbfile));
    this.db = this.openBanDatabase(server.dbfile, { purgeAge: server.dbpurgeage, maxMatches: server.dbmaxmatches });
  }

  get socketPath(): string {
    return this.options.socket ?? this.config.server.socket;
  }

  /**
   * Opens a ban database. At start an unusable file means running without persistence (logged);
   * with `refuse` (`set dbfile`) it throws, so the reply says why and the current database stays.
   */
  openBanDatabase(file: string | null, settings: { purgeAge: number; maxMatches: number; refuse?: boolean }): BanDatabase {
    return openDatabase({
      file,
      purgeAge: settings.purgeAge,
      maxMatches: settings.maxMatches,
      onCorrupt: settings.refuse ? 'refuse' : 'disable',
      onError: (error) => this.log.logger.error(`database: ${error.message}`),
    });
  }

  /** (Re)opens the fleet link from the current `[Fleet]` section and database; the old link stops first. */
  async restartFleet(): Promise<void> {
    await this.fleet?.stop();
    this.fleet = this.openFleet();
    this.fleet?.start();
  }

  private openFleet(): ServerFleet | null {
    return ServerFleet.open(this.config.server.fleet, { db: this.db, log: this.log.logger, jail: (name) => this.jails.get(name) });
  }

  /** Starts every enabled jail and opens the socket. Config problems are logged, not fatal. */
  async start(): Promise<void> {
    const logger = this.log.logger;
    logger.info(`Starting f2b v${VERSION} (config ${this.config.dir})`);
    for (const problem of this.config.warnings) logger.warn(problem.message);
    for (const problem of this.config.errors) logger.error(problem.message);
    if (!this.db.persistent && this.config.server.dbfile) logger.error(`running without persistence: ${this.db.failure?.message ?? 'database unavailable'}`);
    this.db.disableAllJails();
    let jailsStarted = (): void => {};
    const startup = new Promise<void>((resolve) => (jailsStarted = resolve));
    this.socket = await createCommandServer({
      socketPath: this.socketPath,
      // `ping` answers at once (it is how `-b` knows the server is up); any other command waits for the
      // configured jails, so `status sshd` right after start never says the jail does not exist.
      handle: async (command) => {
        if (command.kind !== 'ping') await startup;
        return handleCommand(this, command);
      },
      onError: (error) => logger.warn(`socket: ${error.message}`),
    });
    await this.openMetrics();
    this.onMetrics((registry) => registerFleetMetrics(registry, () => this.fleet?.status() ?? null));
    // Opened before the jails, so bans made while they start are queued for the fleet; read from only
    // after them, since a peer's ban read before its jail exists would be skipped for good.
    this.fleet = this.openFleet();
    for (const spec of this.config.jails) await this.startJail(spec);
    this.fleet?.start();
    jailsStarted();
    this.timer = setInterval(() => void this.tick(), 1000);
    this.timer.unref();
    logger.info(`Server ready (socket ${this.socketPath})`);
  }

  /**
   * The hook for modules that add metrics (a fleet's lag gauge, with `addScrapedGauge` from
   * @f2b/metrics): `setup` gets the registry now if the endpoint is open, else once it opens;
   * never when metrics are off.
   */
  onMetrics(setup: (registry: Registry) => void): void {
    if (this.metrics) setup(this.metrics.registry);
    else this.metricsSetups.push(setup);
  }

  /**
   * Opens the metrics endpoint before the jails start (they count only when it is open). A setting
   * that cannot be used is one error line; the server runs on without the endpoint.
   */
  private async openMetrics(): Promise<void> {
    const { metrics: listen, metricstokenfile } = this.config.server;
    if (listen === null) return;
    const metrics = new ServerMetrics(this);
    try {
      await metrics.open(listen, metricstokenfile);
    } catch (error) {
      this.log.logger.error(`metrics endpoint not started: ${(error as Error).message}`);
      return;
    }
    this.metrics = metrics;
    for (const setup of this.metricsSetups.splice(0)) setup(metrics.registry);
    const { host, port } = metrics.address ?? { host: listen, port: 0 };
    this.log.logger.info(`Metrics and status page on http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
  }

  /** Builds and starts one jail; a broken jail is reported and left out. */
  async startJail(spec: JailSpec): Promise<JailRuntime | null> {
    this.startingJails++;
    try {
      const runtime = await JailRuntime.create(spec, {
        db: this.db,
        log: this.log.logger,
        now: this.now,
        activity: this.activity,
        instruments: this.metrics?.instrumentsFor(spec.name) ?? null,
        onLinesProcessed: (count, drained) => this.collector.noteLines(count, drained),
        ...(this.options.commandRunner ? { commandRunner: this.options.commandRunner } : {}),
        ...(this.options.onBan ? { onBan: this.options.onBan } : {}),
        onShare: (jail, change) => this.fleet?.share(jail, this.jails.get(jail)?.spec ?? spec, change),
      });
      this.jails.set(spec.name, runtime);
      await runtime.start();
      return runtime;
    } catch (error) {
      this.jails.delete(spec.name);
      this.log.logger.error(`Jail '${spec.name}' not started: ${(error as Error).message}`);
      return null;
    } finally {
      this.startingJails--;
    }
  }

  async stopJail(name: string): Promise<void> {
    const runtime = this.requireJail(name);
    this.jails.delete(name);
    await runtime.stop();
    this.db.delJail(name);
  }

  requireJail(name: string): JailRuntime {
    const runtime = this.jails.get(name);
    if (!runtime) throw new ServerError('E_UNKNOWN_JAIL', `Sorry but the jail '${name}' does not exist`);
    return runtime;
  }

  /** Unbans expired bans and purges old history. */
  private async tick(): Promise<void> {
    const now = this.now();
    if (now >= this.nextPurge) {
      this.nextPurge = now + PURGE_INTERVAL;
      const purged = this.db.purge(now);
      if (purged.bans > 0) this.log.logger.debug(`database: purged ${purged.bans} old bans`);
    }
    await Promise.all([...this.jails.values()].map((j) => j.expire(now)));
  }

  /**
   * Re-reads the configuration: jails whose spec is unchanged keep running untouched (bans and
   * failure counts kept); changed jails are restarted with their bans restored from the database;
   * jails gone from the config stop. `only` limits this to one jail.
   */
  async reload(options: { jail?: string | null; restart?: boolean; unban?: boolean; all?: boolean } = {}): Promise<void> {
    const config = readConfig(this.options.confDir);
    for (const problem of config.errors) this.log.logger.error(problem.message);
    const wanted = new Map(config.jails.map((j) => [j.name, j]));
    if (options.jail && !wanted.has(options.jail) && !this.jails.has(options.jail)) {
      throw new ServerError('E_UNKNOWN_JAIL', `Sorry but the jail '${options.jail}' does not exist`);
    }
    if (config.server.metrics !== this.config.server.metrics || config.server.metricstokenfile !== this.config.server.metricstokenfile) {
      this.log.logger.warn('metrics: a changed metrics or metricstokenfile setting takes effect when f2b-server restarts');
    }
    const fleetChanged = JSON.stringify(config.server.fleet) !== JSON.stringify(this.config.server.fleet);
    this.config = config;
    if (fleetChanged) await this.restartFleet();
    const names = options.jail ? [options.jail] : [...new Set([...this.jails.keys(), ...wanted.keys()])];
    for (const name of names) {
      const running = this.jails.get(name);
      const spec = wanted.get(name);
      if (running && options.unban) await running.unban(running.jail.unbanAll(), '', { share: false });
      if (running && spec && !options.restart && sameSpec(running.spec, spec)) continue;
      if (running) await this.stopJail(name);
      if (spec) await this.startJail(spec);
    }
    this.log.logger.info('Reload finished');
  }

  /** Stops every jail (actionstop), closes the socket and the database. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    this.log.logger.info('Shutdown in progress...');
    if (this.timer) clearInterval(this.timer);
    // First, so no peer's ban lands in a stopping jail; what is still queued stays in the database.
    await this.fleet?.stop();
    this.collector.stop();
    for (const name of [...this.jails.keys()].reverse()) {
      const runtime = this.jails.get(name)!;
      this.jails.delete(name);
      await runtime.stop();
    }
    await this.socket?.close();
    await this.metrics?.close();
    await this.db.flush();
    this.db.close();
    this.log.logger.info('Exiting f2b');
    this.log.close();
    this.options.onStopped?.();
  }
}

/**
 * Refuses a missing configuration directory, as Fail2Ban does: starting with no jails and the
 * default socket would look like success while protecting nothing.
 */
export function requireConfigDir(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new ServerError('E_CONFIG_DIR', `${dir}: configuration directory does not exist`);
  }
  if (!isDir) throw new ServerError('E_CONFIG_DIR', `${dir}: not a directory (expected a configuration directory like /etc/fail2ban)`);
}

function sameSpec(a: JailSpec, b: JailSpec): boolean {
  return JSON.stringify({ ...a, source: null }) === JSON.stringify({ ...b, source: null });
}
