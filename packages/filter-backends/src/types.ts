/** @module types: the Backend contract shared by every log source (files or journal). */

/** One delivered log line. */
export interface LogLine {
  /** The line's text, decoded per `logencoding`, without its line ending. */
  readonly line: string;
  /** The file it came from (for the journal: the journal selector, e.g. `systemd-journal`). */
  readonly path: string;
  /** Byte offset of the line's first byte in its file (files only). */
  readonly offset?: number;
  /** Epoch seconds the source stamped on the line (journal: `__REALTIME_TIMESTAMP`). */
  readonly time?: number;
  /** Journal fields of the entry (journal only). */
  readonly fields?: Readonly<Record<string, string>>;
}

/** A file position saved across restarts: where reading stopped and which file it was. */
export interface Position {
  /** md5 hex of the file's first line (so a rotated or replaced file is recognised as new); journal: the cursor. */
  readonly hash: string;
  /** Byte offset just after the last delivered line; journal: `__REALTIME_TIMESTAMP` in microseconds. */
  readonly pos: number;
}

/**
 * Where positions are kept between runs; @f2b/database implements it.
 * Backends only call `get` when they open a source and `set` after delivering a batch.
 */
export interface PositionStore {
  get(path: string): Position | undefined;
  set(path: string, position: Position): void;
}

/**
 * Receives each batch of complete lines, in order. Must not throw (a throw stops nothing but is reported via `onError`).
 * A sink that returns a promise holds file backends back until it settles: they read the next chunk only then, so a
 * flood waits in the file, not in memory (the promise's rejection is the sink's own to report). `caughtUp`: the batch
 * ends at what the log holds now (file backends say so; left out: not known).
 */
export type LineSink = (lines: readonly LogLine[], caughtUp?: boolean) => void | Promise<void>;

/** Options every backend accepts. */
export interface BackendBaseOptions {
  /** Gets every delivered batch. */
  readonly onLines: LineSink;
  /** Gets errors that do not stop the backend (unreadable file, journalctl exit, a throwing sink). */
  readonly onError?: (error: Error) => void;
  /** Keeps positions (files) or the cursor (journal) across restarts. */
  readonly positions?: PositionStore;
}

/**
 * A live log source.
 *
 * Contract (checked by test/contract.test.ts for every implementation):
 * - deliver each complete line exactly once, in order per file;
 * - a partial last line waits for its newline (lines longer than `maxLineLength` are cut, never buffered unbounded);
 * - invalid bytes are replaced, never thrown;
 * - after `stop()` no more lines are delivered and the saved position is the end of the last delivered line,
 *   so `start()` of a new backend with the same `positions` resumes without loss or repetition;
 * - rotation (rename + create, copytruncate, truncate, delete + recreate) starts the new file from its beginning.
 */
export interface Backend {
  /** The backend's registry name (`polling`, `pyinotify`, `systemd`). */
  readonly name: string;
  /** Opens the sources and starts delivering; rejects when the sources cannot be used (e.g. no log file and not `skipIfNoLogs`). */
  start(): Promise<void>;
  /** Stops following and closes everything; resolves after the last delivery. */
  stop(): Promise<void>;
  /** Re-expands log path globs (files) — optional ability. */
  reload?(): Promise<void>;
  /** The files currently followed (files backends) — optional ability. */
  files?(): readonly string[];
  /** Checks every source once now, resolving after the lines found were delivered (tests and benchmarks). */
  checkNow?(): Promise<void>;
}

/** A log path with Fail2Ban's optional `tail`/`head` suffix (the shape @f2b/config-reader produces). */
export interface LogPathSpec {
  /** Path or glob (`*`, `?`, `[...]`). */
  readonly path: string;
  /** Where to start reading a file seen for the first time without a saved position. */
  readonly start: 'head' | 'tail';
}

/** Options of the file backends (`polling`, `pyinotify`). */
export interface FileBackendOptions extends BackendBaseOptions {
  /** The jail's log paths; strings mean `start: 'head'`. */
  readonly logpaths: readonly (LogPathSpec | string)[];
  /** `logencoding`: `utf-8`, `latin-1`, `auto` (utf-8 when valid, else latin-1, per line), or another ASCII-compatible label. */
  readonly encoding?: string;
  /** `skip_if_nologs`: start even when no log file exists yet (missing files are picked up when they appear). */
  readonly skipIfNoLogs?: boolean;
  /** Cut lines longer than this many bytes (default 65536). */
  readonly maxLineLength?: number;
  /** Jail name, used in error messages. */
  readonly jail?: string;
}
