/** @module server: the command server: a Unix stream socket, owner-only, answering one JSON line per command. */
import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname } from 'node:path';
import type { Command } from './command.js';
import { CommandError, SocketInUseError, SocketPathError, WIRE_ERROR_CODES } from './errors.js';
import { isSocketAlive } from './client.js';
import { parseCommand } from './parse.js';
import type { Reply, ReplyError } from './results.js';
import { serveConnection, type Connection } from './_connection.js';

/** Runs a parsed command; its result goes back as `{"ok": true, "result": …}`. */
export type CommandHandler = (command: Command, raw: readonly string[]) => unknown;

export interface CommandServerOptions {
  /** Where to listen. A stale socket file left by a dead server is replaced; a live one is refused. */
  readonly socketPath: string;
  /** Runs each valid command. A thrown error with a `code` like `E_UNKNOWN_JAIL` is passed on; others become `E_INTERNAL`. */
  readonly handle: CommandHandler;
  /** Longest accepted line in bytes (default 256 KiB); a longer one gets `E_TOO_LARGE` and the connection is closed. */
  readonly maxMessageBytes?: number;
  /** A connection silent for this long is closed (default 60 000 ms). */
  readonly idleTimeoutMs?: number;
  /** Permission bits of the socket file (default 0o600: only the owner may connect). */
  readonly mode?: number;
  /** Connections beyond this many are refused at accept time (default 512). */
  readonly maxConnections?: number;
  /** Told about problems that do not stop the server (accept failures). */
  readonly onError?: (error: Error) => void;
}

/** A listening command server. */
export interface CommandServer {
  readonly socketPath: string;
  /** Open connections right now. */
  readonly connections: number;
  /** Stops accepting, lets replies in progress finish (up to `graceMs`, default 1000), removes the socket file. */
  close(graceMs?: number): Promise<void>;
}

/** Error codes may only be short upper-case literals, so a handler cannot smuggle text into them. */
const CODE_PATTERN = /^E_[A-Z0-9_]{1,40}$/;

/** Turns anything a handler threw into a one-line wire error. */
export function toReplyError(error: unknown): ReplyError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  const raw = error instanceof Error ? error.message : String(error);
  const message = (raw.split('\n')[0] ?? '').slice(0, 2000);
  if (typeof code === 'string' && CODE_PATTERN.test(code)) return { code, message };
  return { code: WIRE_ERROR_CODES.internal, message };
}

function isWordArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((word) => typeof word === 'string');
}

/** Answers one line: JSON → words → command → handler → reply. Never throws. */
async function answerLine(line: string, handle: CommandHandler): Promise<Reply> {
  let words: unknown;
  try {
    words = JSON.parse(line);
  } catch {
    return { ok: false, error: { code: WIRE_ERROR_CODES.malformed, message: 'message is not valid JSON (expected an array of strings, e.g. ["status"])' } };
  }
  if (!isWordArray(words))
    return { ok: false, error: { code: WIRE_ERROR_CODES.malformed, message: 'message must be a JSON array of strings, e.g. ["status"]' } };
  let command: Command;
  try {
    command = parseCommand(words);
  } catch (error) {
    if (error instanceof CommandError) return { ok: false, error: { code: error.code, message: error.message } };
    return { ok: false, error: toReplyError(error) };
  }
  try {
    const result = await handle(command, words);
    return { ok: true, result: result === undefined ? null : result };
  } catch (error) {
    return { ok: false, error: toReplyError(error) };
  }
}

/** Replaces a stale socket file; refuses a live socket or a path that is not a socket. */
async function claimSocketPath(socketPath: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(socketPath).isSocket();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      mkdirSync(dirname(socketPath), { recursive: true, mode: 0o755 });
      return;
    }
    throw error;
  }
  if (!isSocket) throw new SocketPathError(socketPath, 'exists and is not a socket (refusing to replace it)');
  if (await isSocketAlive(socketPath)) throw new SocketInUseError(socketPath);
  unlinkSync(socketPath);
}

/** Binds with a strict umask, so the socket is never connectable by others, not even before `chmod`. */
function listenPrivately(server: Server, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    let previous: number | undefined;
    try {
      previous = process.umask(0o177);
    } catch {
      // Worker threads cannot change the umask; the chmod below still narrows the mode.
    }
    try {
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    } finally {
      if (previous !== undefined) process.umask(previous);
    }
  });
}

/**
 * Listens on `socketPath` and answers commands. Node cannot read a peer's credentials
 * (no SO_PEERCRED), so access control is the file system: the socket is created with `mode`
 * (0o600: owner only) and connecting needs write permission on it and search permission on
 * its directory. Keep the directory owned by the server's user.
 */
export async function createCommandServer(options: CommandServerOptions): Promise<CommandServer> {
  const { socketPath, handle } = options;
  const maxMessageBytes = options.maxMessageBytes ?? 256 * 1024;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const mode = options.mode ?? 0o600;
  await claimSocketPath(socketPath);

  const open = new Set<Connection>();
  // Half-open: a client may send its command and shut its side; it still gets the reply.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    const connection = serveConnection(socket, {
      maxMessageBytes,
      idleTimeoutMs,
      answer: (line) => answerLine(line, handle),
      onClose: () => open.delete(connection),
    });
    open.add(connection);
  });
  server.maxConnections = options.maxConnections ?? 512;
  await listenPrivately(server, socketPath);
  chmodSync(socketPath, mode);
  const inode = lstatSync(socketPath).ino;
  server.on('error', (error) => options.onError?.(error));

  let closed: Promise<void> | undefined;
  return {
    socketPath,
    get connections() {
      return open.size;
    },
    close(graceMs = 1000) {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const connection of open) connection.closeWhenIdle();
        const timer = setTimeout(() => {
          for (const connection of open) connection.destroy();
        }, graceMs);
        timer.unref();
      }).then(() => {
        try {
          // Only remove the file we created: a successor may already listen on the same path.
          if (lstatSync(socketPath).ino === inode) unlinkSync(socketPath);
        } catch {
          // Already gone.
        }
      });
      return closed;
    },
  };
}
