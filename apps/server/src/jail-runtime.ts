/** @module jail-runtime: one running jail — log backend → filter → jail logic → database → actions. */
import { createActionRunner, createCommandAction, loadJsAction, type ActionRunner, type CommandRunner, type RunOutcome } from '@f2b/actions';
import { performance } from 'node:perf_hooks';
import type { ActionSpec, JailSpec } from '@f2b/config-reader';
import { createPositionStore, type BanDatabase } from '@f2b/database';
import { createDateDetector, type DateMatch } from '@f2b/date-detector';
import type { PositionStore } from '@f2b/filter-backends';
import { compileFilter, type Filter } from '@f2b/failregex';
import { createBackend, parseSystemdBackendOptions, type Backend, type BackendOptions, type LogLine } from '@f2b/filter-backends';
import { createJail, type BanTicket, type Jail } from '@f2b/jail';
import type { Logger } from 'pino';
import { databaseBanHistory, fieldsAsText, toBanInfo, toBanRecord } from './_tickets.js';
import type { ActivityLog } from './_activity.js';
import { PARSE_SAMPLE_MASK, type JailInstruments } from './_jail-instruments.js';

/** What a jail borrows from the server. */
export interface JailRuntimeDeps {
  readonly db: BanDatabase;
  readonly log: Logger<'notice'>;
  /** Epoch seconds. */
  readonly now: () => number;
  /** Runs action commands (tests run them inside a network namespace). */
  readonly commandRunner?: CommandRunner;
  /** Called after each ban's actions ran (latency measurements, tests). */
  readonly onBan?: (jail: string, ticket: BanTicket) => void;
  /** The status page's memory of bans, unbans and failures per minute. */
  readonly activity?: ActivityLog;
  /** Counters and histograms (metrics endpoint on), or null. */
  readonly instruments?: JailInstruments | null;
  /** Told of each local ban and manual unban, to share them with the fleet. */
  readonly onShare?: (jail: string, change: SharedChange) => void;
  /**
   * Called after each batch of log lines went through the filter and the jail; `drained`: the batch ended at what
   * its log held and no other batch of this jail is waiting (the jail has caught up with its logs).
   */
  readonly onLinesProcessed?: (count: number, drained: boolean) => void;
}

/** A ban change made here, for the fleet. */
export interface SharedChange {
  readonly kind: 'ban' | 'unban';
  readonly ticket: BanTicket;
}

/** A change a fleet peer made: `time` and `bantime` as the peer gave them. */
export interface PeerChange {
  readonly kind: 'ban' | 'unban';
  readonly ip: string;
  readonly time: number;
  readonly bantime: number;
  readonly bancount: number;
  /** The peer's name, for the log. */
  readonly origin: string;
}

interface RunningAction {
  readonly spec: ActionSpec;
  readonly runner: ActionRunner;
}

/** A configured jail and its moving parts; built from a JailSpec, started and stopped by the server. */
export class JailRuntime {
  readonly name: string;
  readonly jail: Jail;
  filter: Filter;
  readonly actions: RunningAction[] = [];
  idle = false;
  private backend: Backend | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Batches of lines enqueued and not yet processed. */
  private pendingBatches = 0;
  private readonly log: Logger<'notice'>;
  private readonly instruments: JailInstruments | null;

  private constructor(
    public spec: JailSpec,
    private readonly deps: JailRuntimeDeps,
    jail: Jail,
    filter: Filter,
  ) {
    this.name = spec.name;
    this.jail = jail;
    this.filter = filter;
    this.log = deps.log;
    this.instruments = deps.instruments ?? null;
  }

  /** Builds the jail's parts; throws (one line) on a filter, option or action it cannot use. */
  static async create(spec: JailSpec, deps: JailRuntimeDeps): Promise<JailRuntime> {
    const journal = spec.backend.startsWith('systemd');
    const filter = buildFilter(spec, deps.now);
    const jail = createJail({ ...jailOptions(spec), history: databaseBanHistory(deps.db), now: deps.now });
    const runtime = new JailRuntime(spec, deps, jail, filter);
    for (const action of spec.actions) runtime.actions.push({ spec: action, runner: await runtime.makeRunner(action) });
    if (journal) runtime.log.debug(`[${spec.name}] reads the journal`);
    return runtime;
  }

  /** Applies changed counting, ban and ignore options to the jail logic; failures and bans are kept. */
  reconfigure(spec: JailSpec): void {
    this.jail.reconfigure(jailOptions(spec));
    this.spec = spec;
  }

  /** Replaces the filter (regexes, date pattern, usedns changed); the jail's counts stay. */
  replaceFilter(spec: JailSpec): void {
    this.filter = buildFilter(spec, this.deps.now);
    this.spec = spec;
  }

  /** Follows a new set of log paths (or journal matches); positions keep lines from being read twice. */
  async replaceSources(spec: JailSpec): Promise<void> {
    this.spec = spec;
    if (!this.backend) return;
    await this.backend.stop();
    this.backend = createBackend(spec.backend, this.backendOptions(), { jail: this.name });
    await this.backend.start();
  }

  /** Adds an action (started unless on demand). */
  async addAction(spec: ActionSpec): Promise<void> {
    if (this.actions.some((a) => a.spec.name === spec.name)) throw new Error(`jail '${this.name}' already has action '${spec.name}'`);
    const runner = await this.makeRunner(spec);
    await runner.start();
    this.actions.push({ spec, runner });
    this.spec = { ...this.spec, actions: this.actions.map((a) => a.spec) };
  }

  /** Removes an action after running its stop. */
  async removeAction(name: string): Promise<void> {
    const index = this.actions.findIndex((a) => a.spec.name === name);
    if (index < 0) throw new Error(`jail '${this.name}' has no action '${name}'`);
    const [removed] = this.actions.splice(index, 1);
    await removed!.runner.stop();
    this.spec = { ...this.spec, actions: this.actions.map((a) => a.spec) };
  }

  /** Replaces one action's properties (`set JAIL action ACT KEY VALUE`); it keeps running. */
  async updateAction(name: string, key: string, value: string): Promise<void> {
    const index = this.actions.findIndex((a) => a.spec.name === name);
    if (index < 0) throw new Error(`jail '${this.name}' has no action '${name}'`);
    const old = this.actions[index]!;
    const spec: ActionSpec = { ...old.spec, options: { ...old.spec.options, [key]: value } };
    this.actions[index] = { spec, runner: await this.makeRunner(spec) };
    this.spec = { ...this.spec, actions: this.actions.map((a) => a.spec) };
  }

  private async makeRunner(spec: ActionSpec): Promise<ActionRunner> {
    const logger = actionLogger(this.log);
    const action =
      spec.kind === 'javascript'
        ? await loadJsAction(spec.file, { jailName: this.name, name: spec.name, options: spec.options, logger })
        : createCommandAction(spec, { jailName: this.name, logger, known: spec.known, ...(this.deps.commandRunner ? { runner: this.deps.commandRunner } : {}) });
    return createActionRunner(action, { jailName: this.name, logger });
  }

  /** Starts the actions, restores bans still in force, then follows the logs. */
  async start(): Promise<void> {
    this.deps.db.addJail(this.name);
    for (const { spec, runner } of this.actions) {
      if (spec.options['actionstart_on_demand'] && /^(1|on|true|yes)$/i.test(spec.options['actionstart_on_demand'])) continue;
      await this.track(spec.name, 'start', () => runner.start());
    }
    await this.restoreBans();
    this.backend = createBackend(this.spec.backend, this.backendOptions(), { jail: this.name });
    await this.backend.start();
    this.log.info(`Jail '${this.name}' started`);
  }

  private backendOptions(): BackendOptions {
    const common = {
      onLines: (lines: readonly LogLine[], caughtUp?: boolean) => {
        const receivedAt = this.instruments ? performance.now() : 0;
        this.pendingBatches++;
        return this.enqueue(async () => {
          try {
            await this.processLines(lines, receivedAt);
          } finally {
            this.pendingBatches--;
          }
          this.deps.onLinesProcessed?.(lines.length, caughtUp === true && this.pendingBatches === 0);
        });
      },
      onError: (error: Error) => this.log.error(`[${this.name}] ${error.message}`),
      positions: this.positionStore(),
      jail: this.name,
    };
    if (this.spec.backend.startsWith('systemd')) {
      return { ...common, ...parseSystemdBackendOptions(this.spec.backendOptions), journalmatch: this.spec.filter.journalmatch, since: this.deps.now() - this.spec.findtime };
    }
    return { ...common, logpaths: this.spec.logpath, encoding: this.spec.logencoding, skipIfNoLogs: this.spec.skipIfNoLogs };
  }

  /** The database's position store; with metrics on, it also remembers each file's offset (for the lag behind end of file). */
  private positionStore(): PositionStore {
    const store = createPositionStore(this.deps.db, this.name);
    const positions = this.instruments?.counters.positions;
    if (!positions) return store;
    return {
      get: (path) => {
        const position = store.get(path);
        if (position) positions.set(path, position.pos);
        return position;
      },
      set: (path, position) => {
        positions.set(path, position.pos);
        store.set(path, position);
      },
    };
  }

  private async restoreBans(): Promise<void> {
    const bans = this.deps.db.currentBans({ jail: this.name, now: this.deps.now() });
    const restored: BanTicket[] = [];
    for (const ban of bans) {
      // An address added to ignoreip since its ban is not banned again.
      if (await this.jail.ignore.isIgnored(ban.ip)) {
        this.log.info(`[${this.name}] Ignore ${ban.ip}: not restoring its ban (ignored now)`);
        continue;
      }
      const matches = Array.isArray(ban.data.matches) ? ban.data.matches : [];
      const ticket = this.jail.restoreBan({ ip: ban.ip, time: ban.time, bantime: ban.bantime, bancount: ban.bancount, matches, failures: ban.data.failures ?? 0 });
      if (ticket) {
        restored.push(ticket);
        this.log.notice(`[${this.name}] Restore Ban ${ticket.ip}`);
        this.deps.activity?.record({ time: this.deps.now(), jail: this.name, kind: 'restore', ip: ticket.ip });
      }
    }
    if (restored.length === 0) return;
    const infos = restored.map(toBanInfo);
    for (const { spec, runner } of this.actions) {
      if (!runner.action.norestored) await this.track(spec.name, 'ban', () => runner.banMany(infos).then(bulkOutcome));
    }
  }

  /** Stops following logs, lets queued work finish, and runs each action's stop (actionstop). */
  async stop(): Promise<void> {
    await this.backend?.stop();
    this.backend = null;
    await this.queue;
    for (const { spec, runner } of [...this.actions].reverse()) await this.track(spec.name, 'stop', () => runner.stop());
    this.log.info(`Jail '${this.name}' stopped`);
  }

  /** Files (or journal matches) being followed. */
  files(): readonly string[] {
    return this.backend?.files?.() ?? this.spec.logpath.map((p) => p.path);
  }

  /** Runs `work` after everything queued before it, so bans follow the order of the log. */
  enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work).catch((error: unknown) => this.log.error(`[${this.name}] ${(error as Error).message}`));
    this.queue = next;
    return next;
  }

  /**
   * The per-line hot path. With metrics on it bumps at most one counter per line (read and missed
   * lines are counted per batch), reads the clock once per batch and around bans (their time is not
   * the filter's), and times the first line of a batch and every 256th.
   */
  private async processLines(lines: readonly LogLine[], receivedAt: number): Promise<void> {
    if (this.idle) return;
    const m = this.instruments;
    const counters = m?.counters ?? null;
    const batchStart = m ? performance.now() : 0;
    let banSeconds = 0;
    for (let index = 0; index < lines.length; index++) {
      const entry = lines[index] as LogLine;
      const sampled = m !== null && (index & PARSE_SAMPLE_MASK) === 0;
      const lineStart = sampled ? performance.now() : 0;
      const result = this.filter.processLine(entry.line, entry.time === undefined ? {} : { time: entry.time });
      if (counters !== null) {
        if (sampled) m!.parseTime.observe((performance.now() - lineStart) / 1000);
        if (result.ignored) counters.linesIgnored++;
        else if (result.failregexHits.length > 0) counters.linesMatched++;
      }
      if (result.fails.length === 0) continue;
      if (counters !== null) counters.failuresFound += result.fails.length;
      this.deps.activity?.failures(this.deps.now(), result.fails.length);
      for (const failure of result.fails) {
        this.log.info(`[${this.name}] Found ${failure.id} - ${formatTime(failure.time)}`);
        const ticket = await this.jail.processFailure({ id: failure.id, time: failure.time, matches: failure.matches, fields: fieldsAsText(failure.fields) });
        if (ticket) {
          const banStart = m ? performance.now() : 0;
          await this.ban(ticket);
          if (m) {
            const banEnd = performance.now();
            banSeconds += (banEnd - banStart) / 1000;
            m.banLatency.observe((banEnd - receivedAt) / 1000);
          }
        } else if (this.jail.getBan(failure.id)) this.log.info(`[${this.name}] ${failure.id} already banned`);
      }
    }
    if (counters !== null) {
      counters.linesRead += lines.length;
      counters.filterSeconds += (performance.now() - batchStart) / 1000 - banSeconds;
    }
  }

  /** Runs one action call, counting it (and its failure, by exit code) when metrics are on. */
  private async track(action: string, operation: string, call: () => Promise<RunOutcome>): Promise<RunOutcome> {
    const counters = this.instruments?.counters;
    if (!counters) return call();
    counters.actionsPending++;
    try {
      const outcome = await call();
      counters.countAction(action, operation, outcome);
      return outcome;
    } finally {
      counters.actionsPending--;
    }
  }

  /** Records `ticket` durably, shares it with the fleet, then runs every action's ban. */
  async ban(ticket: BanTicket): Promise<void> {
    this.log.notice(`[${this.name}] Ban ${ticket.ip}`);
    const m = this.instruments;
    const writeStart = m ? performance.now() : 0;
    await this.deps.db.recordBan(toBanRecord(this.name, ticket));
    if (m) {
      m.databaseWrite.observe((performance.now() - writeStart) / 1000);
      m.counters.bans++;
    }
    this.deps.activity?.record({ time: this.deps.now(), jail: this.name, kind: 'ban', ip: ticket.ip });
    this.deps.onShare?.(this.name, { kind: 'ban', ticket });
    const info = toBanInfo(ticket);
    await Promise.all(this.actions.map(({ spec, runner }) => this.track(spec.name, 'ban', () => runner.ban(info))));
    this.deps.onBan?.(this.name, ticket);
  }

  /** Runs every action's unban for tickets the jail already removed; `share` tells the fleet (manual unbans). */
  async unban(tickets: readonly BanTicket[], why = '', options: { readonly share?: boolean } = {}): Promise<void> {
    for (const ticket of tickets) {
      this.log.notice(`[${this.name}] ${why}Unban ${ticket.ip}`);
      if (this.instruments) this.instruments.counters.unbans++;
      this.deps.activity?.record({ time: this.deps.now(), jail: this.name, kind: 'unban', ip: ticket.ip });
      if (options.share !== false) this.deps.onShare?.(this.name, { kind: 'unban', ticket });
      const info = toBanInfo(ticket);
      await Promise.all(this.actions.map(({ spec, runner }) => this.track(spec.name, 'unban', () => runner.unban(info))));
    }
  }

  /** Unbans bans whose time is over (each server expires its own; nothing is shared). */
  expire(now: number): Promise<void> {
    return this.enqueue(async () => this.unban(this.jail.expireBans(now), '', { share: false }));
  }

  /**
   * Applies fleet peers' changes in their order, behind the jail's own work. A ban is taken for the time
   * left of the peer's ban unless `ignoreip` (or the other ignore rules) cover the address here or it is
   * banned already; consecutive bans share one database commit. An unban lifts the ban and forgets its count.
   */
  acceptPeerChanges(changes: readonly PeerChange[]): Promise<void> {
    return this.enqueue(async () => {
      const bans: { ticket: BanTicket; origin: string }[] = [];
      const flush = async (): Promise<void> => {
        if (bans.length > 0) await this.banFromPeers(bans.splice(0));
      };
      for (const change of changes) {
        if (change.kind === 'unban') {
          await flush();
          await this.unban(this.jail.unbanIp(change.ip, { ifExists: true }), `fleet peer ${change.origin}: `, { share: false });
          continue;
        }
        const ticket = await this.admitPeerBan(change);
        if (ticket) bans.push({ ticket, origin: change.origin });
      }
      await flush();
    });
  }

  private async admitPeerBan(peer: PeerChange): Promise<BanTicket | null> {
    if (await this.jail.ignore.isIgnored(peer.ip)) {
      this.log.info(`[${this.name}] Ignore ${peer.ip} banned by fleet peer ${peer.origin} (ignored here)`);
      return null;
    }
    const now = this.deps.now();
    const end = peer.bantime < 0 ? Infinity : peer.time + peer.bantime;
    if (end <= now || this.jail.getBan(peer.ip)) return null;
    // bantime.increment goes on from the higher count, whichever server saw the address more.
    const bancount = Math.max(peer.bancount, this.deps.db.banCount(peer.ip, { jail: this.name })?.bancount ?? 0);
    const bantime = end === Infinity ? -1 : Math.ceil(end - now);
    return this.jail.restoreBan({ ip: peer.ip, time: now, bantime, bancount }, { restored: false });
  }

  /**
   * Peers' bans: recorded in one commit, then each action's ban. Counted, shown on the status page and
   * timed like local bans (through `track`), but never shared again.
   */
  private async banFromPeers(bans: readonly { ticket: BanTicket; origin: string }[]): Promise<void> {
    for (const { ticket, origin } of bans) this.log.notice(`[${this.name}] Ban ${ticket.ip} (fleet peer ${origin})`);
    await Promise.all(bans.map(({ ticket }) => this.deps.db.recordBan(toBanRecord(this.name, ticket))));
    await Promise.all(
      bans.map(async ({ ticket }) => {
        if (this.instruments) this.instruments.counters.bans++;
        this.deps.activity?.record({ time: this.deps.now(), jail: this.name, kind: 'ban', ip: ticket.ip });
        const info = toBanInfo(ticket);
        await Promise.all(this.actions.map(({ spec, runner }) => this.track(spec.name, 'ban', () => runner.ban(info))));
        this.deps.onBan?.(this.name, ticket);
      }),
    );
  }
}

/** The jail logic's options from a jail spec. */
function jailOptions(spec: JailSpec) {
  return {
    name: spec.name,
    maxretry: spec.maxretry,
    findtime: spec.findtime,
    bantime: spec.bantime,
    maxmatches: spec.maxmatches,
    bantimeIncrement: spec.bantimeIncrement,
    ignoreip: spec.ignoreip,
    ignoreself: spec.ignoreself,
    ignorecommand: spec.ignorecommand,
    ignorecache: spec.ignorecache,
  };
}

function buildFilter(spec: JailSpec, now: () => number): Filter {
  const detector = createDateDetector({ datepattern: spec.filter.datepattern, logtimezone: spec.logtimezone, now });
  // One date object filled per line; a date that cannot be read is still cut out, as in Fail2Ban.
  const date: DateMatch = { time: 0, start: 0, end: 0, template: '' };
  return compileFilter(spec.filter, { useDns: spec.usedns, detectDate: (line) => (detector.detectSpanInto(line, date) ? date : null), now });
}

function actionLogger(log: Logger<'notice'>) {
  return {
    debug: (m: string) => log.debug(m),
    info: (m: string) => log.info(m),
    warn: (m: string) => log.warn(m),
    error: (m: string) => log.error(m),
  };
}

// A flood's failures share a handful of seconds: the text of the last one is kept.
let formattedSecond = Number.NaN;
let formattedText = '';

function formatTime(epoch: number): string {
  const second = Math.floor(epoch);
  if (second === formattedSecond) return formattedText;
  const d = new Date(second * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  formattedText = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  formattedSecond = second;
  return formattedText;
}

/** A bulk ban's outcome as one call's: failed when any ban failed. */
function bulkOutcome(outcome: { readonly failed: readonly unknown[] }): RunOutcome {
  return outcome.failed.length === 0 ? { ok: true } : { ok: false, error: new Error(`${outcome.failed.length} bans failed`) };
}
