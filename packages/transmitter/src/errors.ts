/** @module errors: the transmitter's error classes; each has a literal `code` and a one-line message. */

/** A command's words do not follow the grammar: unknown command, missing or bad argument. */
export class CommandError extends Error {
  readonly code = 'E_COMMAND' as const;
  constructor(
    message: string,
    /** The words that were parsed. */
    readonly words: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** Nothing listens on the socket (missing file, connection refused): the server is not running. */
export class ServerNotRunningError extends Error {
  readonly code = 'E_NOT_RUNNING' as const;
  constructor(
    readonly socketPath: string,
    options?: { cause?: unknown },
  ) {
    super(`Failed to access socket path: ${socketPath}. Is f2b-server running?`, options);
    this.name = 'ServerNotRunningError';
  }
}

/** The socket exists but this user may not connect to it (mode 0600 and another owner). */
export class SocketAccessError extends Error {
  readonly code = 'E_ACCESS' as const;
  constructor(
    readonly socketPath: string,
    options?: { cause?: unknown },
  ) {
    super(`Permission denied on socket path: ${socketPath} (it is owner-only; run as the server's user)`, options);
    this.name = 'SocketAccessError';
  }
}

/** The server did not reply within the time limit. */
export class CommandTimeoutError extends Error {
  readonly code = 'E_TIMEOUT' as const;
  constructor(
    readonly socketPath: string,
    readonly timeoutMs: number,
  ) {
    super(`${socketPath}: no reply within ${timeoutMs} ms`);
    this.name = 'CommandTimeoutError';
  }
}

/** The peer broke the wire protocol: a reply that is not one JSON document of the expected shape, or too big. */
export class ProtocolError extends Error {
  readonly code = 'E_PROTOCOL' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProtocolError';
  }
}

/** Another server already answers on the socket path; f2b will not steal it. */
export class SocketInUseError extends Error {
  readonly code = 'E_SOCKET_IN_USE' as const;
  constructor(readonly socketPath: string) {
    super(`${socketPath}: another server is already listening there (stop it first)`);
    this.name = 'SocketInUseError';
  }
}

/** The socket path exists and is not a socket: refuse to delete someone's file. */
export class SocketPathError extends Error {
  readonly code = 'E_SOCKET_PATH' as const;
  constructor(
    readonly socketPath: string,
    reason: string,
  ) {
    super(`${socketPath}: ${reason}`);
    this.name = 'SocketPathError';
  }
}

/** Error codes a server puts in `{"ok": false, "error": {"code": …}}` on its own. */
export const WIRE_ERROR_CODES = {
  /** The line is not JSON, or not an array of strings. */
  malformed: 'E_MALFORMED',
  /** The line is longer than the server's `maxMessageBytes`; the connection is closed after the reply. */
  tooLarge: 'E_TOO_LARGE',
  /** The words do not follow the grammar. */
  command: 'E_COMMAND',
  /** The handler failed without a `code` of its own, or its result could not be serialised. */
  internal: 'E_INTERNAL',
} as const;
