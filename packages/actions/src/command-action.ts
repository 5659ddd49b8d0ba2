/** @module command-action: an action.d/NAME.conf action run as Fail2Ban 1.0/1.1 runs it (families, on-demand start, check + repair). */
import { createShellRunner } from './exec.js';
import { isTrue, operationText, resolveHostByDns, runOperation, type CommandCore, type HostResolver } from './_command-core.js';
import { applyBatch } from './_batch.js';
import { ActionBrokenError } from './errors.js';
import type { Action, ActionLogger, ActionSpecInput, BanInfo, CommandRunner, Family } from './types.js';

/** Options of `createCommandAction`. */
export interface CommandActionOptions {
  /** Jail the action belongs to (default for `<name>`, and in messages). */
  readonly jailName: string;
  /** How commands run (default: `/bin/sh -c` in a new process group). */
  readonly runner?: CommandRunner;
  readonly logger?: ActionLogger;
  /** Per-command timeout; default the action's `timeout` option (seconds), else 60 s. */
  readonly timeoutMs?: number;
  /** `<known/NAME>` values added to the spec's `known` (the action file's own [Init] values); `known/NAME` options are used too. */
  readonly known?: Readonly<Record<string, string>>;
  /** Resolver for `<ip-host>` (default reverse DNS). */
  readonly resolveHost?: HostResolver;
  /** Whether IPv6 is in use: an action with `[Init?family=inet6]` then starts both families (default true). */
  readonly ipv6?: boolean;
  /** Clock in epoch seconds (tests). */
  readonly now?: () => number;
}

const silentLogger: ActionLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Started-state bits per family, as Fail2Ban keeps them. */
const STARTED = 1;
const HAS_BANS = 2;

/** Creates an `Action` that runs the spec's shell commands. */
export function createCommandAction(spec: ActionSpecInput, options: CommandActionOptions): Action {
  const opts: Record<string, string> = { name: options.jailName, ...spec.options };
  const timeoutSeconds = Number(opts.timeout ?? '60');
  const core: CommandCore = {
    jail: options.jailName,
    spec,
    source: { action: spec.name, options: opts, conditional: spec.conditional, known: { ...spec.known, ...options.known } },
    runner: options.runner ?? createShellRunner(),
    logger: options.logger ?? silentLogger,
    timeoutMs: options.timeoutMs ?? (Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds * 1000 : 60_000),
    resolveHost: options.resolveHost ?? resolveHostByDns,
    now: options.now ?? (() => Math.floor(Date.now() / 1000)),
  };
  const hasFamilies = Object.keys(spec.conditional).some((key) => key.startsWith('family='));
  const families: Array<Family | ''> = hasFamilies ? (options.ipv6 === false ? ['inet4'] : ['inet4', 'inet6']) : [''];
  const onDemand = opts.actionstart_on_demand !== undefined ? isTrue(opts.actionstart_on_demand) : hasFamilies;
  const started = new Map<Family | '', number>();
  /** Command last run per operation and family: the same text is not run twice for two families. */
  const executed = new Map<string, Map<Family | '', string>>();
  /**
   * State is kept per family only for actions with family variants; Fail2Ban keys it by
   * the address family even without them, so a repair's restart could skip actionstart.
   */
  const familyKey = (info: BanInfo): Family | '' => (hasFamilies ? info.family : '');
  const place = (operation: string) => ({ jail: core.jail, action: spec.name, operation });

  const ranForOtherFamily = (operation: string, family: Family | '', text: string): boolean =>
    [...(executed.get(operation) ?? new Map<Family | '', string>())].some(([f, t]) => f !== family && t === text);
  const recordExecuted = (operation: string, family: Family | '', text: string | null): void => {
    const byFamily = executed.get(operation) ?? new Map<Family | '', string>();
    executed.set(operation, byFamily);
    if (text !== null) byFamily.set(family, text);
    else {
      const previous = byFamily.get(family);
      for (const [f, t] of [...byFamily]) if (f === family || t === previous) byFamily.delete(f);
    }
  };

  /** Runs a whole-action operation for each family, skipping text already run for another family. */
  async function runForFamilies(operation: string, list: Array<Family | ''>, after?: (family: Family | '') => void): Promise<void> {
    let firstError: unknown;
    for (const family of list) {
      try {
        const text = operationText(core, operation, family);
        if (text !== '' && !ranForOtherFamily(operation, family, text)) await runOperation(core, operation, family, null, undefined, text);
        after?.(family);
        recordExecuted(operation, family, text);
      } catch (error) {
        firstError ??= error;
      }
    }
    if (firstError !== undefined) throw firstError;
  }

  async function startFamilies(list: Array<Family | ''>): Promise<void> {
    await runForFamilies('actionstart', list, (family) => {
      recordExecuted('actionstop', family, null);
      started.set(family, STARTED);
    });
  }

  async function stopFamilies(list: Array<Family | ''>): Promise<void> {
    for (const family of list) started.set(family, 0);
    await runForFamilies('actionstop', list, (family) => recordExecuted('actionstart', family, null));
  }

  /** Fail2Ban's invariant check: 1 sane, 0 broken, -1 broken but not worth repairing (unban). */
  async function checkInvariant(family: Family | '', repairAllowed: boolean, forceStart: boolean): Promise<number> {
    const check = operationText(core, 'actioncheck', family);
    if (check === '' || (await succeeds(() => runOperation(core, 'actioncheck', family, null, undefined, check)))) return 1;
    if (!repairAllowed) {
      core.logger.error(`[${core.jail}] ${spec.name}: invariant check failed; unban is impossible`);
      return -1;
    }
    core.logger.error(`[${core.jail}] ${spec.name}: invariant check failed; trying to restore a sane environment`);
    if (operationText(core, 'actionrepair', family) !== '') {
      if (!(await succeeds(() => runOperation(core, 'actionrepair', family, null)))) {
        started.set(family, 0);
        core.logger.error(`[${core.jail}] ${spec.name}: unable to restore environment`);
        return 0;
      }
      started.set(family, STARTED);
    } else {
      await succeeds(() => stopFamilies([family]));
      await succeeds(() => startFamilies([family]));
      if (!forceStart && onDemand) started.delete(family);
    }
    if ((started.get(family) ?? 0) !== 0 && !(await succeeds(() => runOperation(core, 'actioncheck', family, null, undefined, check)))) {
      core.logger.error(`[${core.jail}] ${spec.name}: unable to restore environment`);
      return 0;
    }
    return 1;
  }

  async function succeeds(fn: () => Promise<void>): Promise<boolean> {
    try {
      await fn();
      return true;
    } catch (error) {
      core.logger.error(error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  /** Runs a per-ban operation; after a failure checks (and repairs) the firewall and tries once more. */
  async function processBan(operation: string, info: BanInfo): Promise<void> {
    const family = familyKey(info);
    try {
      await runOperation(core, operation, family, info);
      return;
    } catch (error) {
      if (operationText(core, 'actioncheck', family) === '') throw error;
      core.logger.error(error instanceof Error ? error.message : String(error));
    }
    const repairAllowed = operation !== 'actionunban' || isTrue(opts.actionrepair_on_unban);
    const sane = await checkInvariant(family, repairAllowed, operation !== 'actionunban');
    if (sane !== 1) throw new ActionBrokenError(place(operation));
    await runOperation(core, operation, family, info);
  }

  async function banWith(operation: string, info: BanInfo): Promise<void> {
    const family = familyKey(info);
    if (onDemand && !started.get(family)) await startFamilies([family]);
    await processBan(operation, info);
    started.set(family, (started.get(family) ?? 0) | STARTED | HAS_BANS);
  }

  const startedFamilies = (mask: number) => [...started].filter(([, bits]) => (bits & mask) === mask).map(([f]) => f);
  const has = (operation: string) => (opts[operation] ?? '').trim() !== '';

  const action: Action = {
    name: spec.name,
    norestored: isTrue(opts.norestored),
    start: () => (onDemand ? Promise.resolve() : startFamilies(families)),
    stop: async () => {
      const list = startedFamilies(STARTED);
      started.clear();
      if (list.length > 0) await stopFamilies(list);
    },
    ban: (info) => banWith('actionban', info),
    reban: (info) => banWith(has('actionreban') ? 'actionreban' : 'actionban', info),
    unban: async (info) => {
      if (((started.get(familyKey(info)) ?? 0) & HAS_BANS) !== 0) await processBan('actionunban', info);
    },
    reload: () => runForFamilies('actionreload', startedFamilies(STARTED)),
    check: async () => {
      let sane = true;
      if (!has('actioncheck')) return true;
      for (const family of startedFamilies(STARTED)) {
        if ((await checkInvariant(family, true, true)) !== 1) {
          started.set(family, 0);
          recordExecuted('actionstart', family, null);
          sane = false;
        }
      }
      return sane;
    },
  };
  if (has('actionprolong')) action.prolong = (info) => processBan('actionprolong', info);
  if (has('actionflush')) {
    action.flush = () =>
      runForFamilies('actionflush', startedFamilies(STARTED | HAS_BANS), (family) => started.set(family, (started.get(family) ?? 0) & ~HAS_BANS));
  }
  if (has('actionban_batch')) {
    action.batchBan = (infos) => applyBatch(core, 'actionban_batch', infos, action.ban, async (family) => {
      const key = hasFamilies ? family : '';
      if (onDemand && !started.get(key)) await startFamilies([key]);
      started.set(key, (started.get(key) ?? 0) | STARTED | HAS_BANS);
    });
  }
  if (has('actionunban_batch')) {
    action.batchUnban = (infos) => applyBatch(core, 'actionunban_batch', infos, action.unban, async () => {});
  }
  return action;
}
