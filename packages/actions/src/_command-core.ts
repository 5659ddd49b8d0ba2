/** @module command-core: runs one operation (`actionban`, …) of a command action: tag substitution, execution, errors. */
import { reverse } from 'node:dns/promises';
import { substituteDynamicTags } from './_dynamic.js';
import { lookupBanTag } from './_ban-tags.js';
import { substituteStaticTags, type StaticTagSource } from './_tags.js';
import { ActionCommandError, ActionTimeoutError } from './errors.js';
import type { ActionLogger, ActionSpecInput, BanInfo, CommandRunner, Family } from './types.js';

/** Resolves an address to a host name for `<ip-host>`; null when it has none. */
export type HostResolver = (ip: string) => Promise<string | null>;

/** Everything a command action needs besides its spec. */
export interface CommandCore {
  readonly jail: string;
  readonly spec: ActionSpecInput;
  readonly source: StaticTagSource;
  readonly runner: CommandRunner;
  readonly logger: ActionLogger;
  readonly timeoutMs: number;
  readonly resolveHost: HostResolver;
  readonly now: () => number;
}

/** Default `<ip-host>` resolver: reverse DNS, bounded to 5 s, null when none. */
export async function resolveHostByDns(ip: string): Promise<string | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000).unref());
  const lookup = reverse(ip).then((names) => names[0] ?? null, () => null);
  return Promise.race([lookup, timeout]);
}

/** The trusted (config-time substituted) text of an operation for a family, `''` when unset. */
export function operationText(core: CommandCore, operation: string, family: Family | ''): string {
  const conditional = family === '' ? undefined : core.spec.conditional[`family=${family}`]?.[operation];
  const raw = conditional ?? core.source.options[operation] ?? '';
  if (raw.trim() === '') return '';
  return substituteStaticTags(core.source, operation, raw, family);
}

/**
 * Runs an operation's command with the run-time tags of `info` (or none);
 * `extra` adds tag values (`<batch>`). Resolves quietly when the operation is empty;
 * rejects with ActionCommandError / ActionTimeoutError otherwise.
 */
export async function runOperation(
  core: CommandCore,
  operation: string,
  family: Family | '',
  info: BanInfo | null,
  extra?: Readonly<Record<string, string>>,
  text: string = operationText(core, operation, family),
): Promise<void> {
  if (text === '') return;
  const host = info !== null && text.includes('<ip-host>') ? ((await core.resolveHost(info.ip)) ?? '') : undefined;
  const lookup = lookupBanTag(info, { family, now: core.now(), ...(host !== undefined ? { host } : {}), ...(extra ? { extra } : {}) });
  const command = substituteDynamicTags(text, lookup);
  core.logger.debug(`[${core.jail}] ${core.spec.name}: ${operation}: ${command.script}`);
  const result = await core.runner(command, core.timeoutMs);
  const place = { jail: core.jail, action: core.spec.name, operation };
  if (result.timedOut) throw new ActionTimeoutError(place, core.timeoutMs);
  if (result.code !== 0) throw new ActionCommandError(place, result.code, result.stderr, result.signal);
}

/** Reads a Fail2Ban boolean option (`true`, `yes`, `1`, `on`). */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(?:1|true|yes|on)$/i.test(value.trim());
}
