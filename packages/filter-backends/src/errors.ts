/** @module errors: every error the backends raise, each with a literal `code` and a one-line message. */

/** Where a backend was configured, so messages can name `file:line: jail 'x':`. */
export interface ConfigSource {
  readonly file?: string;
  readonly line?: number;
  readonly jail?: string;
}

function formatWhere(source: ConfigSource | undefined): string {
  if (!source) return '';
  const parts: string[] = [];
  if (source.file) parts.push(source.line !== undefined ? `${source.file}:${source.line}` : source.file);
  if (source.jail) parts.push(`jail '${source.jail}'`);
  return parts.length ? `${parts.join(': ')}: ` : '';
}

/** The `backend` option names no known backend. */
export class UnknownBackendError extends Error {
  readonly code = 'F2B_UNKNOWN_BACKEND' as const;
  constructor(readonly backend: string, readonly expected: readonly string[], source?: ConfigSource) {
    super(`${formatWhere(source)}unknown backend '${backend}' (expected ${expected.join(', ')})`);
    this.name = 'UnknownBackendError';
  }
}

/** The backend exists but cannot run on this host (no journalctl, no file events). */
export class BackendUnavailableError extends Error {
  readonly code = 'F2B_BACKEND_UNAVAILABLE' as const;
  constructor(readonly backend: string, readonly reason: string, source?: ConfigSource) {
    super(`${formatWhere(source)}backend '${backend}' is unavailable on this host: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

/** No log file matched the jail's log paths and `skip_if_nologs` is off. */
export class NoLogFilesError extends Error {
  readonly code = 'F2B_NO_LOG_FILES' as const;
  constructor(readonly logpaths: readonly string[], source?: ConfigSource) {
    super(`${formatWhere(source)}no file found for logpath ${logpaths.map((p) => `'${p}'`).join(', ')} (set skip_if_nologs = true to start anyway)`);
    this.name = 'NoLogFilesError';
  }
}

/** `logencoding` names an encoding we cannot split into lines. */
export class UnsupportedEncodingError extends Error {
  readonly code = 'F2B_UNSUPPORTED_ENCODING' as const;
  constructor(readonly encoding: string, source?: ConfigSource) {
    super(`${formatWhere(source)}unsupported logencoding '${encoding}' (expected utf-8, latin-1, auto or another ASCII-compatible encoding)`);
    this.name = 'UnsupportedEncodingError';
  }
}

/** A backend option has a bad value. */
export class BackendOptionError extends Error {
  readonly code = 'F2B_BACKEND_OPTION' as const;
  constructor(readonly option: string, readonly value: string, readonly expected: string, source?: ConfigSource) {
    super(`${formatWhere(source)}bad backend option ${option} = '${value}' (expected ${expected})`);
    this.name = 'BackendOptionError';
  }
}

/** journalctl failed or printed something that is not an entry. */
export class JournalError extends Error {
  readonly code = 'F2B_JOURNAL' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(`journalctl: ${message}`, options);
    this.name = 'JournalError';
  }
}

/** A log file could not be read (permissions, I/O error); the backend keeps following the others. */
export class LogReadError extends Error {
  readonly code = 'F2B_LOG_READ' as const;
  constructor(readonly path: string, options?: { cause?: unknown }) {
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`${path}: cannot read log file${cause}`, options);
    this.name = 'LogReadError';
  }
}
