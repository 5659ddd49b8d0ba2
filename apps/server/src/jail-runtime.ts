/** @module jail-runtime: one running jail — log backend → filter → jail logic → database → actions. */
import { createActionRunner, createCommandAction, loadJsAction, type ActionRunner, type CommandRunner } from '@f2b/actions';
import type { ActionSpec, JailSpec } from '@f2b/config-reader';
import { createPositionStore, type BanDatabase } from '@f2b/database';
import { createDateDetector } from '@f2b/date-detector';
import { compileFilter, type Filter } from '@f2b/failregex';
import { createBackend, parseSystemdBackendOptions, type Backend, type BackendOptions, type LogLine } from '@f2b/filter-backends';
import { createJail, type BanTicket, type Jail } from '@f2b/jail';
import type { Logger } from 'pino';
import { databaseBanHistory, fieldsAsText, toBanInfo, toBanRecord } from './_tickets.js';

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
  /** Called after each batch of log lines went through the filter and the jail. */
  readonly onLinesProcessed?: (count: number) => void;
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
  private readonly log: Logger<'notice'>;

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
      await runner.start();
    }
    await this.restoreBans();
    this.backend = createBackend(this.spec.backend, this.backendOptions(), { jail: this.name });
    await this.backend.start();
    this.log.info(`Jail '${this.name}' started`);
  }

  private backendOptions(): BackendOptions {
    const common = {
      onLines: (lines: readonly LogLine[]) => this.enqueue(() => this.processLines(lines)),
      onError: (error: Error) => this.log.error(`[${this.name}] ${error.message}`),
      positions: createPositionStore(this.deps.db, this.name),
      jail: this.name,
    };
    if (this.spec.backend.startsWith('systemd')) {
      return { ...common, ...parseSystemdBackendOptions(this.spec.backendOptions), journalmatch: this.spec.filter.journalmatch, since: this.deps.now() - this.spec.findtime };
    }
    return { ...common, logpaths: this.spec.logpath, encoding: this.spec.logencoding, skipIfNoLogs: this.spec.skipIfNoLogs };
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
      }
    }
    if (restored.length === 0) return;
    const infos = restored.map(toBanInfo);
    for (const { runner } of this.actions) {
      if (!runner.action.norestored) await runner.banMany(infos);
    }
  }

  /** Stops following logs, lets queued work finish, and runs each action's stop (actionstop). */
  async stop(): Promise<void> {
    await this.backend?.stop();
    this.backend = null;
    await this.queue;
    for (const { runner } of [...this.actions].reverse()) await runner.stop();
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

  private async processLines(lines: readonly LogLine[]): Promise<void> {
    if (this.idle) return;
    for (const entry of lines) {
      const result = this.filter.processLine(entry.line, entry.time === undefined ? {} : { time: entry.time });
      for (const failure of result.fails) {
        this.log.info(`[${this.name}] Found ${failure.id} - ${formatTime(failure.time)}`);
        const ticket = await this.jail.processFailure({ id: failure.id, time: failure.time, matches: failure.matches, fields: fieldsAsText(failure.fields) });
        if (ticket) await this.ban(ticket);
        else if (this.jail.getBan(failure.id)) this.log.info(`[${this.name}] ${failure.id} already banned`);
      }
    }
    this.deps.onLinesProcessed?.(lines.length);
  }

  /** Records `ticket` durably, then runs every action's ban. */
  async ban(ticket: BanTicket): Promise<void> {
    this.log.notice(`[${this.name}] Ban ${ticket.ip}`);
    await this.deps.db.recordBan(toBanRecord(this.name, ticket));
    const info = toBanInfo(ticket);
    await Promise.all(this.actions.map(({ runner }) => runner.ban(info)));
    this.deps.onBan?.(this.name, ticket);
  }

  /** Runs every action's unban for tickets the jail already removed. */
  async unban(tickets: readonly BanTicket[], why = ''): Promise<void> {
    for (const ticket of tickets) {
      this.log.notice(`[${this.name}] ${why}Unban ${ticket.ip}`);
      const info = toBanInfo(ticket);
      await Promise.all(this.actions.map(({ runner }) => runner.unban(info)));
    }
  }

  /** Unbans bans whose time is over. */
  expire(now: number): Promise<void> {
    return this.enqueue(async () => this.unban(this.jail.expireBans(now)));
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
  return compileFilter(spec.filter, { useDns: spec.usedns, detectDate: (line) => detector.detect(line), now });
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
