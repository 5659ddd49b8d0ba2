/** @module types: the Action contract shared by command actions (action.d/*.conf) and JavaScript actions (action.d/*.mjs). */

/** Address family as Fail2Ban names it (`<family>` tag). */
export type Family = 'inet4' | 'inet6';

/**
 * What an action learns about one ban. The jail produces tickets of this shape.
 * Every string that came from a log line (`matches`, `fields`, …) is hostile: command
 * actions never let it reach the shell parser.
 */
export interface BanInfo {
  /** The banned address (validated by the jail): `192.0.2.7`, `2001:db8::7`. */
  readonly ip: string;
  readonly family: Family;
  /** Ticket id (`<fid>`); defaults to the address. */
  readonly fid?: string;
  /** Failures that led to the ban (`<failures>`). */
  readonly failures: number;
  /** Log lines of this ticket (`<matches>`, joined with newlines). */
  readonly matches: readonly string[];
  /** Epoch seconds of the ban (`<time>`). */
  readonly time: number;
  /** Ban duration in seconds, -1 permanent (`<bantime>`). */
  readonly bantime: number;
  /** How many times this address was banned before (`<bancount>`). */
  readonly bancount: number;
  /** True when restored from the database at start-up (`<restored>` = 1). */
  readonly restored: boolean;
  /** `<F-…>` captures of the filter, keyed by lower-case name without `F-`: `{ user: 'root' }`. */
  readonly fields: Readonly<Record<string, string>>;
  /** Lines of every ticket of this address in all jails (`<ipmatches>`); defaults to `matches`. */
  readonly ipmatches?: readonly string[];
  /** Lines of every ticket of this address in this jail (`<ipjailmatches>`); defaults to `matches`. */
  readonly ipjailmatches?: readonly string[];
  /** Failures of this address in all jails (`<ipfailures>`); defaults to `failures`. */
  readonly ipfailures?: number;
  /** Failures of this address in this jail (`<ipjailfailures>`); defaults to `failures`. */
  readonly ipjailfailures?: number;
}

/** Where actions report what they did; pino-compatible subset. */
export interface ActionLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * One action of a jail. Rules every implementation keeps:
 * - `start` before anything else, `stop` last; `ban`/`unban` may come in any order between.
 * - Methods reject (never hang past their timeout) when the firewall refused; the
 *   `ActionRunner` logs the failure and keeps the jail running.
 * - `norestored`: the runner skips `ban` for restored tickets.
 */
export interface Action {
  /** Action name as the jail lists it (`iptables-multiport`). */
  readonly name: string;
  /** When true, bans restored from the database at start-up are not applied again. */
  readonly norestored: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  ban(info: BanInfo): Promise<void>;
  unban(info: BanInfo): Promise<void>;
  /** Extends a ban already applied (`actionprolong`); absent when the action cannot. */
  prolong?(info: BanInfo): Promise<void>;
  /** Applies a ban again after the firewall lost it (`actionreban`, else `actionban`). */
  reban?(info: BanInfo): Promise<void>;
  /** Removes every ban at once (`actionflush`); when absent, the jail unbans one by one. */
  flush?(): Promise<void>;
  /** Re-reads configuration (`actionreload`). */
  reload?(): Promise<void>;
  /** Checks the firewall is sane and repairs it (`actioncheck` + `actionrepair`); false when it stays broken. */
  check?(): Promise<boolean>;
  /**
   * Optional ability: apply many bans at once. Must behave like calling `ban` for each,
   * in order; returns the infos it could not apply (empty when all went in).
   */
  batchBan?(infos: readonly BanInfo[]): Promise<readonly BanInfo[]>;
  /** Optional ability: remove many bans at once; returns the infos it could not remove. */
  batchUnban?(infos: readonly BanInfo[]): Promise<readonly BanInfo[]>;
  /**
   * JavaScript actions only: the action object's methods by name, for `set JAIL action ACT
   * METHOD JSON` (Fail2Ban calls a Python action's methods that way).
   */
  readonly methods?: ActionMethods;
}

/** The callable members of a JavaScript action object. */
export interface ActionMethods {
  /** Names of its methods (own, class and inherited; not `constructor` nor Object's). */
  list(): string[];
  has(name: string): boolean;
  /** Calls `name(argument)` on the object itself (state is shared with ban/unban); resolves with what it returns, awaited. */
  call(name: string, argument: Readonly<Record<string, unknown>>): Promise<unknown>;
}

/** Result of one shell command. */
export interface CommandResult {
  /** Exit code, or null when killed by a signal. */
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** A shell script with the environment carrying the values it must not parse. */
export interface ShellCommand {
  readonly script: string;
  /** Extra environment variables (log-derived values as `F2B_*`). */
  readonly env: Readonly<Record<string, string>>;
}

/** Runs one shell command; swap it in tests or to run inside a namespace. */
export type CommandRunner = (command: ShellCommand, timeoutMs: number) => Promise<CommandResult>;

/**
 * The parts of config-reader's resolved `ActionSpec` an action uses (structural, so a
 * full `ActionSpec` fits): `options` after layering and config-time substitution,
 * `conditional` holding `[Init?family=inet6]` values keyed `family=inet6`.
 */
export interface ActionSpecInput {
  readonly name: string;
  readonly file: string;
  readonly options: Readonly<Record<string, string>>;
  readonly conditional: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** [Init] values as the action file wrote them, before the jail's overrides (`<known/NAME>`). */
  readonly known?: Readonly<Record<string, string>>;
}
