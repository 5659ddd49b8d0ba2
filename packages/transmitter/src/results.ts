/** @module results: the shapes of replies the server returns for status and ban queries, which the client formats. */

/** A reply on the wire: one JSON document per line. */
export type Reply<T = unknown> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: ReplyError };

/** The error half of a reply. `code` is a literal such as `E_COMMAND`, `E_UNKNOWN_JAIL`. */
export interface ReplyError {
  readonly code: string;
  readonly message: string;
}

/** `status`: the server and its jails. */
export interface StatusResult {
  /** Jail names, sorted. */
  readonly jails: readonly string[];
  /** f2b's additions (what `--json` prints and the status page shows); Fail2Ban's reply has only the names. */
  readonly server?: ServerOverview;
  /** One row per jail, in name order. */
  readonly jailDetails?: readonly JailOverview[];
  /** Current bans, newest first, at most `bansLimit` (each jail's `currentlyBanned` has the full count). */
  readonly bans?: readonly CurrentBan[];
  readonly bansLimit?: number;
  /** The last bans and unbans, newest first. */
  readonly events?: readonly StatusEvent[];
  /** Failures found per minute over the last hour: `counts[0]` is the minute starting at `start`, the last one is the current minute. */
  readonly failuresPerMinute?: { readonly start: number; readonly counts: readonly number[] };
  /** The link to the fleet, when `[Fleet]` is configured. */
  readonly fleet?: FleetLinkStatus;
}

/** The server itself, for `status --json` and the status page. */
export interface ServerOverview {
  readonly version: string;
  /** Epoch seconds. */
  readonly startedAt: number;
  /** The server's clock when it answered (time left of bans is counted from it). */
  readonly now: number;
}

/** A jail's counts and main settings. */
export interface JailOverview extends JailStatisticsRow {
  /** Seconds (-1: forever). */
  readonly bantime: number;
  readonly findtime: number;
  readonly maxretry: number;
}

/** One address banned now. */
export interface CurrentBan {
  readonly jail: string;
  readonly ip: string;
  /** Epoch seconds. */
  readonly bannedAt: number;
  /** Epoch seconds, or null for a permanent ban. */
  readonly endsAt: number | null;
  readonly banCount: number;
}

/** Something a jail did. */
export interface StatusEvent {
  /** Epoch seconds. */
  readonly time: number;
  readonly jail: string;
  readonly kind: 'ban' | 'unban' | 'restore';
  readonly ip: string;
}

/** `status`'s fleet part (the shape of @f2b/fleet's FleetStatus); the URL has its password masked. */
export interface FleetLinkStatus {
  readonly url: string;
  readonly stream: string;
  readonly origin: string;
  readonly connected: boolean;
  readonly lastId: string | null;
  /** Milliseconds from the last applied event's entry into the stream to its application. */
  readonly lagMs: number | null;
  readonly queued: number;
  readonly published: number;
  readonly applied: number;
  /** Epoch seconds since Redis has been unreachable, or null. */
  readonly downSince: number | null;
}

/** `status JAIL [basic|short]`. */
export interface JailStatusResult {
  readonly jail: string;
  readonly filter: {
    readonly currentlyFailed: number;
    readonly totalFailed: number;
    /** Monitored files (file backends); left out by the `short` flavor and for journal jails. */
    readonly fileList?: readonly string[];
    /** Journal match groups (journal backend), as `FIELD=value` words joined by spaces. */
    readonly journalMatches?: readonly string[];
  };
  readonly actions: {
    readonly currentlyBanned: number;
    readonly totalBanned: number;
    /** Banned addresses; left out by the `short` flavor. */
    readonly bannedIps?: readonly string[];
  };
}

/** `status --all [basic|short]`: every jail's status, in name order. */
export interface StatusAllResult {
  readonly jails: readonly JailStatusResult[];
}

/** One row of `statistics` / `status --all stats`. */
export interface JailStatisticsRow {
  readonly jail: string;
  readonly backend: string;
  readonly currentlyFailed: number;
  readonly totalFailed: number;
  readonly currentlyBanned: number;
  readonly totalBanned: number;
}

/** `statistics`: one row per jail, in name order. */
export interface StatisticsResult {
  readonly jails: readonly JailStatisticsRow[];
}

/** `banned` without addresses: each jail with its banned addresses. */
export type BannedResult = ReadonlyArray<{ readonly jail: string; readonly ips: readonly string[] }>;

/** `banned IP…`: for each address given, in order, the jails that ban it. */
export type BannedIpsResult = ReadonlyArray<readonly string[]>;

/** One row of `get JAIL banip --with-time`; times are epoch seconds. */
export interface BanListEntry {
  readonly ip: string;
  readonly bannedAt: number;
  /** Seconds; negative when the ban is permanent. */
  readonly bantime: number;
  /** Epoch seconds; `null` when permanent. */
  readonly endsAt: number | null;
}

/** `get JAIL banip --with-time`, ordered by end of ban. */
export type BanListWithTimeResult = readonly BanListEntry[];

/** `get JAIL banip [SEP]`: addresses ordered by end of ban (the client joins them with SEP). */
export type BanListResult = readonly string[];

/** `ping`. */
export type PingResult = 'pong';
