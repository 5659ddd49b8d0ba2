/** @module action-runner: calls one action for a jail, one operation at a time, logging failures instead of throwing them. */
import type { Action, ActionLogger, BanInfo } from './types.js';

/** What a runner call did. */
export interface RunOutcome {
  readonly ok: boolean;
  /** The failure, already logged. */
  readonly error?: Error;
}

/** What a bulk ban did. */
export interface BulkOutcome {
  /** Bans applied (or skipped by `norestored`). */
  readonly applied: number;
  /** Bans that failed, already logged; the jail still counts them as banned. */
  readonly failed: readonly BanInfo[];
}

/** Options of `createActionRunner`. */
export interface ActionRunnerOptions {
  readonly jailName: string;
  readonly logger?: ActionLogger;
}

/**
 * Serializes the calls to one action: a ban never overtakes the start, an unban never
 * overtakes its ban. Each call resolves with an outcome, never rejects: a firewall
 * failure is logged (with exit code and stderr for commands), the ban stays recorded
 * by the jail, and the jail keeps running.
 */
export interface ActionRunner {
  readonly action: Action;
  start(): Promise<RunOutcome>;
  stop(): Promise<RunOutcome>;
  ban(info: BanInfo): Promise<RunOutcome>;
  unban(info: BanInfo): Promise<RunOutcome>;
  /** `prolong` when the action has it, else nothing to do. */
  prolong(info: BanInfo): Promise<RunOutcome>;
  reban(info: BanInfo): Promise<RunOutcome>;
  /** `flush` when the action has it, else unbans each of `banned`. */
  flush(banned: readonly BanInfo[]): Promise<RunOutcome>;
  reload(): Promise<RunOutcome>;
  check(): Promise<RunOutcome>;
  /** Many bans at once (restore at start-up): the action's `batchBan` when it has one, else one by one. */
  banMany(infos: readonly BanInfo[]): Promise<BulkOutcome>;
  /** Many unbans at once: `batchUnban` when present, else one by one. */
  unbanMany(infos: readonly BanInfo[]): Promise<BulkOutcome>;
  /** Resolves when every queued call is done. */
  idle(): Promise<void>;
}

const silentLogger: ActionLogger = { debug() {}, info() {}, warn() {}, error() {} };

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Wraps an action in a runner. */
export function createActionRunner(action: Action, options: ActionRunnerOptions): ActionRunner {
  const logger = options.logger ?? silentLogger;
  const where = `[${options.jailName}] ${action.name}`;
  let queue: Promise<unknown> = Promise.resolve();

  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  function run(label: string, work: () => Promise<unknown> | undefined): Promise<RunOutcome> {
    return enqueue(async () => {
      try {
        await work();
        return { ok: true };
      } catch (error) {
        const failure = asError(error);
        logger.error(`${where}: ${label} failed: ${failure.message}`);
        return { ok: false, error: failure };
      }
    });
  }

  const skipRestored = (info: BanInfo) => info.restored && action.norestored;

  async function oneByOne(infos: readonly BanInfo[], apply: (info: BanInfo) => Promise<void>, label: string): Promise<BulkOutcome> {
    const failed: BanInfo[] = [];
    for (const info of infos) {
      try {
        await apply(info);
      } catch (error) {
        logger.error(`${where}: ${label} ${info.ip} failed: ${asError(error).message}`);
        failed.push(info);
      }
    }
    return { applied: infos.length - failed.length, failed };
  }

  async function bulk(
    infos: readonly BanInfo[],
    batch: ((infos: readonly BanInfo[]) => Promise<readonly BanInfo[]>) | undefined,
    single: (info: BanInfo) => Promise<void>,
    label: string,
  ): Promise<BulkOutcome> {
    if (!batch) return oneByOne(infos, single, label);
    try {
      const failed = await batch(infos);
      for (const info of failed) logger.error(`${where}: ${label} ${info.ip} failed`);
      return { applied: infos.length - failed.length, failed };
    } catch (error) {
      logger.warn(`${where}: batch ${label} failed (${asError(error).message}); applying one by one`);
      return oneByOne(infos, single, label);
    }
  }

  return {
    action,
    start: () => run('start', () => action.start()),
    stop: () => run('stop', () => action.stop()),
    ban: (info) => run(`ban ${info.ip}`, () => (skipRestored(info) ? undefined : action.ban(info))),
    unban: (info) => run(`unban ${info.ip}`, () => action.unban(info)),
    prolong: (info) => run(`prolong ${info.ip}`, () => action.prolong?.(info)),
    reban: (info) => run(`reban ${info.ip}`, () => (action.reban ? action.reban(info) : action.ban(info))),
    flush: (banned) =>
      run('flush', async () => {
        if (action.flush) return action.flush();
        const outcome = await oneByOne(banned, (info) => action.unban(info), 'unban');
        if (outcome.failed.length > 0) throw new Error(`${outcome.failed.length} of ${banned.length} unbans failed`);
      }),
    reload: () => run('reload', () => action.reload?.()),
    check: () =>
      run('check', async () => {
        if (action.check && !(await action.check())) throw new Error('firewall stays broken after repair');
      }),
    banMany: (infos) =>
      enqueue(() => {
        const wanted = infos.filter((info) => !skipRestored(info));
        const batch = action.batchBan?.bind(action);
        return bulk(wanted, batch, (info) => action.ban(info), 'ban').then((outcome) => ({
          applied: outcome.applied + (infos.length - wanted.length),
          failed: outcome.failed,
        }));
      }),
    unbanMany: (infos) => enqueue(() => bulk(infos, action.batchUnban?.bind(action), (info) => action.unban(info), 'unban')),
    idle: () => enqueue(async () => undefined),
  };
}
