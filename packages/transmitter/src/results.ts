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
  /** The link to the fleet, when `[Fleet]` is configured. */
  readonly fleet?: FleetLinkStatus;
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
