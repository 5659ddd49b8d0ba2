/** @module command: the typed commands of fail2ban-client's grammar, as a discriminated union on `kind`. */

/** Log levels accepted by `set loglevel` (Fail2Ban's names; numbers 5..50 are mapped to these). */
export type LogLevel = 'CRITICAL' | 'ERROR' | 'WARNING' | 'NOTICE' | 'INFO' | 'DEBUG' | 'TRACEDEBUG' | 'HEAVYDEBUG';

/** Values of a jail's `usedns`. */
export type UseDns = 'yes' | 'warn' | 'no' | 'raw';

/** How much `status JAIL` / `status --all` reports: `short` leaves out lists of files and addresses. */
export type StatusFlavor = 'basic' | 'short';

/** Server-wide settings reachable with `set NAME VALUE` / `get NAME`. */
export type ServerSetting =
  | { readonly option: 'loglevel'; readonly value: LogLevel }
  | { readonly option: 'logtarget'; readonly value: string }
  | { readonly option: 'syslogsocket'; readonly value: string }
  /** `null` disables the database (Fail2Ban's `None`). */
  | { readonly option: 'dbfile'; readonly value: string | null }
  | { readonly option: 'dbmaxmatches'; readonly value: number }
  /** Seconds. */
  | { readonly option: 'dbpurgeage'; readonly value: number };

/** Names of server-wide settings. */
export type ServerOption = ServerSetting['option'];

/** Jail options holding a duration in seconds (negative bantime: permanent ban). */
export type JailDurationOption = 'findtime' | 'bantime' | 'bantime.maxtime' | 'bantime.rndtime';
/** Jail options holding a whole number. */
export type JailIntegerOption = 'maxretry' | 'maxmatches' | 'maxlines';
/** Jail options holding yes/no. */
export type JailBooleanOption = 'idle' | 'ignoreself' | 'bantime.increment' | 'bantime.overalljails';
/** Jail options holding free text. */
export type JailTextOption =
  | 'ignorecommand'
  | 'ignorecache'
  | 'logencoding'
  | 'datepattern'
  | 'logtimezone'
  | 'prefregex'
  | 'bantime.formula';

/** What `set JAIL …` changes or does. */
export type JailSetting =
  | { readonly option: JailBooleanOption; readonly value: boolean }
  | { readonly option: JailDurationOption; readonly seconds: number }
  | { readonly option: JailIntegerOption; readonly value: number }
  | { readonly option: JailTextOption; readonly value: string }
  | { readonly option: 'bantime.factor'; readonly value: number }
  | { readonly option: 'bantime.multipliers'; readonly value: readonly number[] }
  | { readonly option: 'usedns'; readonly value: UseDns }
  /** Addresses, networks (CIDR) or host names. */
  | { readonly option: 'addignoreip' | 'delignoreip'; readonly values: readonly string[] }
  | { readonly option: 'addlogpath'; readonly path: string; readonly tail: boolean }
  | { readonly option: 'dellogpath'; readonly path: string }
  /** One journal match group: `FIELD=value` words (and `+` separators). */
  | { readonly option: 'addjournalmatch' | 'deljournalmatch'; readonly match: readonly string[] }
  | { readonly option: 'addfailregex' | 'addignoreregex'; readonly regex: string }
  | { readonly option: 'delfailregex' | 'delignoreregex'; readonly index: number }
  /** Report a failure of `ip` by hand; `failures` are the matched lines, if given. */
  | { readonly option: 'attempt'; readonly ip: string; readonly failures: readonly string[] }
  | { readonly option: 'banip'; readonly ips: readonly string[] }
  /** `reportAbsent`: fail for addresses that are not banned (`--report-absent`). */
  | { readonly option: 'unbanip'; readonly ips: readonly string[]; readonly reportAbsent: boolean }
  /** A command action (just a name) or a JavaScript action file with JSON options. */
  | {
      readonly option: 'addaction';
      readonly action: string;
      readonly file: string | null;
      readonly options: Readonly<Record<string, unknown>> | null;
    }
  | { readonly option: 'delaction'; readonly action: string }
  /**
   * `set JAIL action ACT KEY [VALUE]`: sets a property (`actionban`, `timeout`, …) or, when `KEY`
   * names a method of a JavaScript action, calls it with `VALUE` as JSON options. Only the server
   * knows which, so the value stays text (`null` when omitted).
   */
  | { readonly option: 'action'; readonly action: string; readonly key: string; readonly value: string | null };

/** What `get JAIL …` asks for. */
export type JailQuery =
  | {
      readonly option:
        | 'logpath'
        | 'logencoding'
        | 'journalmatch'
        | 'ignoreself'
        | 'ignoreip'
        | 'ignorecommand'
        | 'ignorecache'
        | 'prefregex'
        | 'failregex'
        | 'ignoreregex'
        | 'findtime'
        | 'bantime'
        | 'datepattern'
        | 'logtimezone'
        | 'usedns'
        | 'maxretry'
        | 'maxmatches'
        | 'maxlines'
        | 'actions'
        | 'idle'
        | 'bantime.increment'
        | 'bantime.factor'
        | 'bantime.formula'
        | 'bantime.multipliers'
        | 'bantime.maxtime'
        | 'bantime.rndtime'
        | 'bantime.overalljails';
    }
  /** Without `ips`: every banned address; with: 1/0 per address. */
  | { readonly option: 'banned'; readonly ips: readonly string[] }
  /** Ordered by end of ban; `withTime` asks for {@link BanListEntry} records. */
  | { readonly option: 'banip'; readonly withTime: boolean; readonly separator: string }
  | { readonly option: 'action'; readonly action: string; readonly key: string }
  | { readonly option: 'actionproperties' | 'actionmethods'; readonly action: string };

/** Simple (argument-less) jail queries. */
export type JailSimpleQueryOption = Extract<JailQuery, { option: 'logpath' }>['option'];

/** One parsed command. `kind` tells the handler what to do; words are already validated. */
export type Command =
  | { readonly kind: 'start' }
  | { readonly kind: 'restart' }
  /**
   * `reload …` and `restart … JAIL` (which is `reload --restart … JAIL`). `jail: null` reloads
   * every jail; `all` also drops jails that left the configuration.
   */
  | {
      readonly kind: 'reload';
      readonly jail: string | null;
      readonly restart: boolean;
      readonly unban: boolean;
      readonly all: boolean;
      readonly ifExists: boolean;
    }
  | { readonly kind: 'stop' }
  | { readonly kind: 'unban-all' }
  | { readonly kind: 'unban'; readonly ips: readonly string[] }
  /** Without `ips`: every jail with its banned addresses; with: the jails banning each address. */
  | { readonly kind: 'banned'; readonly ips: readonly string[] }
  | { readonly kind: 'status' }
  | { readonly kind: 'status-jail'; readonly jail: string; readonly flavor: StatusFlavor }
  | { readonly kind: 'status-all'; readonly flavor: StatusFlavor | 'stats' }
  | { readonly kind: 'statistics' }
  | { readonly kind: 'ping' }
  | { readonly kind: 'echo'; readonly words: readonly string[] }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'flushlogs' }
  | ({ readonly kind: 'server-set' } & ServerSetting)
  | { readonly kind: 'server-get'; readonly option: ServerOption }
  | { readonly kind: 'add-jail'; readonly jail: string; readonly backend: string }
  | { readonly kind: 'start-jail'; readonly jail: string }
  | { readonly kind: 'stop-jail'; readonly jail: string }
  | { readonly kind: 'stop-all-jails' }
  | ({ readonly kind: 'jail-set'; readonly jail: string } & JailSetting)
  | ({ readonly kind: 'jail-get'; readonly jail: string } & JailQuery);

/** The `kind`s of {@link Command}. */
export type CommandKind = Command['kind'];

/** The command of a given kind. */
export type CommandOf<K extends CommandKind> = Extract<Command, { kind: K }>;
