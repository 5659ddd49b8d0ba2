/** @module spec: the resolved, typed configuration every other package takes (never raw INI text). */

/** Where a value came from, for error messages: `jail.local:12`. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

/** A filter (filter.d/NAME.conf plus .d/ and .local layers) with the jail's options applied. */
export interface FilterSpec {
  /** Filter name as the jail named it (`sshd`), or the file's base name. */
  readonly name: string;
  /** The filter's main file (`…/filter.d/sshd.conf`), for error messages. */
  readonly file: string;
  /** Options given in the jail's `filter = name[k=v]`. */
  readonly jailOptions: Readonly<Record<string, string>>;
  /** Python-syntax failregexes with Fail2Ban tags (`<HOST>`, `<F-USER>`) kept; one entry per regex. */
  readonly failregex: readonly string[];
  /** Python-syntax ignoreregexes, one per entry. */
  readonly ignoreregex: readonly string[];
  /** `prefregex`, or null when the filter has none. */
  readonly prefregex: string | null;
  /** Lines kept for multi-line matching (`maxlines`, default 1). */
  readonly maxlines: number;
  /** Custom `datepattern` lines (several allowed), or null for the default templates. */
  readonly datepattern: readonly string[] | null;
  /** `journalmatch` groups: each entry is one group of `FIELD=value` words (`+` separated groups). */
  readonly journalmatch: readonly string[];
  /** Every resolved [Definition]/[Init] option of the filter (for filter-specific extras). */
  readonly options: Readonly<Record<string, string>>;
}

/** How an action is implemented. */
export type ActionKind = 'command' | 'javascript';

/** One action of a jail: action.d/NAME.conf (commands) or action.d/NAME.mjs (JavaScript). */
export interface ActionSpec {
  /** Action name as the jail named it (`iptables-multiport`). */
  readonly name: string;
  /** The action's file. */
  readonly file: string;
  readonly kind: ActionKind;
  /** Options given in the jail's `action = name[k=v]`. */
  readonly jailOptions: Readonly<Record<string, string>>;
  /**
   * The action's properties as Fail2Ban hands them to its server: the commands (`actionstart`,
   * `actionban`, …, after layering, interpolation and config-time tag substitution) and every [Init]
   * parameter as written (jail values win over [Init]). Other [Definition] helpers are already
   * folded into the commands and not listed.
   * Run-time tags (`<ip>`, `<matches>`, `<known/…>`, tags with family variants) are kept as text.
   */
  readonly options: Readonly<Record<string, string>>;
  /**
   * Conditional values from `[Init?family=inet6]` and the like:
   * `{ 'family=inet6': { iptables: 'ip6tables <lockingopt>' } }`.
   */
  readonly conditional: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** [Init] values as the action file wrote them, before the jail's overrides (for `<known/…>`). */
  readonly known: Readonly<Record<string, string>>;
}

/** Values of `usedns`. */
export type UseDns = 'yes' | 'warn' | 'no' | 'raw';

/** `bantime.increment` and its companions. */
export interface BantimeIncrementSpec {
  readonly enabled: boolean;
  /** `bantime.factor` (default 1). */
  readonly factor: number;
  /** `bantime.formula` as written (a Python expression), or null. */
  readonly formula: string | null;
  /** `bantime.multipliers` (parsed numbers), empty when unset. */
  readonly multipliers: readonly number[];
  /** `bantime.maxtime` in seconds, or null. */
  readonly maxtime: number | null;
  /** `bantime.rndtime` in seconds, or null. */
  readonly rndtime: number | null;
  /** `bantime.overalljails`. */
  readonly overalljails: boolean;
}

/** A log path with Fail2Ban's optional `tail`/`head` suffix. */
export interface LogPathSpec {
  /** Path or glob as written. */
  readonly path: string;
  /** Where to start reading a file seen for the first time. */
  readonly start: 'head' | 'tail';
}

/** One jail, fully resolved. */
export interface JailSpec {
  readonly name: string;
  readonly enabled: boolean;
  readonly filter: FilterSpec;
  readonly actions: readonly ActionSpec[];
  /** `backend` (auto, polling, pyinotify, systemd, …), options after `[` kept in `backendOptions`. */
  readonly backend: string;
  readonly backendOptions: Readonly<Record<string, string>>;
  readonly logpath: readonly LogPathSpec[];
  readonly logencoding: string;
  readonly logtimezone: string | null;
  readonly skipIfNoLogs: boolean;
  readonly maxretry: number;
  /** Seconds. */
  readonly findtime: number;
  /** Seconds; -1 is permanent. */
  readonly bantime: number;
  readonly bantimeIncrement: BantimeIncrementSpec;
  readonly maxmatches: number;
  readonly usedns: UseDns;
  /** `ignoreip` entries as written (addresses, CIDRs, DNS names, `file:` lists). */
  readonly ignoreip: readonly string[];
  readonly ignoreself: boolean;
  /** `ignorecommand` with its tags kept, or empty. */
  readonly ignorecommand: string;
  /** `ignorecache` options (`key`, `max-count`, `max-time`), or null. */
  readonly ignorecache: Readonly<Record<string, string>> | null;
  /** Every resolved option of the jail section, as text (for anything not typed above). */
  readonly options: Readonly<Record<string, string>>;
  /** Where the jail section starts. */
  readonly source: SourceRef;
}

/** fail2ban.conf [Definition] (and .local) resolved. */
export interface ServerSpec {
  readonly loglevel: string;
  readonly logtarget: string;
  readonly syslogsocket: string;
  readonly socket: string;
  readonly pidfile: string;
  readonly allowipv6: string;
  /** Database path, `:memory:`, or null when `None` (disabled). */
  readonly dbfile: string | null;
  /** Seconds. */
  readonly dbpurgeage: number;
  readonly dbmaxmatches: number;
  /** f2b: `metrics = HOST:PORT` opens the metrics endpoint and status page (null: off, the default). */
  readonly metrics: string | null;
  /** f2b: file holding the token the endpoint asks for (required when `metrics` is not a loopback address). */
  readonly metricstokenfile: string | null;
  /** The `[Fleet]` section (shared bans through Redis), options as text; null when there is none. */
  readonly fleet: FleetSection | null;
}

/** `[Fleet]` of fail2ban.conf/.local as written (interpolated); @f2b/fleet validates it. */
export interface FleetSection {
  readonly options: Readonly<Record<string, string>>;
  /** Where the section starts. */
  readonly source: SourceRef;
}

/** A problem found while reading; `message` is one line naming file and line or option. */
export interface ConfigProblem {
  readonly message: string;
}

/** The result of reading a whole tree. */
export interface ConfigSpec {
  readonly dir: string;
  readonly server: ServerSpec;
  /** Every jail section (enabled or not) that resolved without error. */
  readonly jails: readonly JailSpec[];
  readonly warnings: readonly ConfigProblem[];
  readonly errors: readonly ConfigProblem[];
}
