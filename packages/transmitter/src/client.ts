/** @module client: send one command to a command server and read its reply. */
import { connect, type Socket } from 'node:net';
import { CommandTimeoutError, ProtocolError, ServerNotRunningError, SocketAccessError } from './errors.js';
import type { Reply } from './results.js';

export interface SendCommandOptions {
  /** Give up when no full reply arrived in this many milliseconds (default 30 000). */
  readonly timeoutMs?: number;
  /** Longest reply accepted, in bytes (default 64 MiB: ban lists can be long). */
  readonly maxReplyBytes?: number;
}

/** Connection errors that mean nobody serves the path. */
const NOT_RUNNING = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTSOCK', 'ENOTDIR', 'ECONNRESET', 'EPIPE']);

function connectError(socketPath: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'EACCES' || error.code === 'EPERM') return new SocketAccessError(socketPath, { cause: error });
  if (error.code !== undefined && NOT_RUNNING.has(error.code)) return new ServerNotRunningError(socketPath, { cause: error });
  return error;
}

function isReply(value: unknown): value is Reply {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.ok === true) return 'result' in record;
  if (record.ok !== false || typeof record.error !== 'object' || record.error === null) return false;
  const error = record.error as Record<string, unknown>;
  return typeof error.code === 'string' && typeof error.message === 'string';
}

/**
 * Sends `words` (`["status", "sshd"]`) and resolves with the server's reply, ok or not.
 * Rejects with {@link ServerNotRunningError} when nothing listens at `socketPath`,
 * {@link SocketAccessError} when the socket belongs to another user, {@link CommandTimeoutError},
 * or {@link ProtocolError} when the reply is not a reply.
 */
export function sendCommand(socketPath: string, words: readonly string[], options: SendCommandOptions = {}): Promise<Reply> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxReplyBytes = options.maxReplyBytes ?? 64 * 1024 * 1024;
  return new Promise<Reply>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let connected = false;
    let settled = false;
    const socket: Socket = connect(socketPath);
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new CommandTimeoutError(socketPath, timeoutMs))), timeoutMs);
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify(words)}\n`);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish(() => reject(connected && error.code !== 'ECONNRESET' && error.code !== 'EPIPE' ? error : connectError(socketPath, error)));
    });
    socket.on('data', (chunk: Buffer) => {
      const end = chunk.indexOf(0x0a);
      if (end < 0) {
        chunks.push(chunk);
        size += chunk.length;
        if (size > maxReplyBytes) finish(() => reject(new ProtocolError(`${socketPath}: reply exceeds ${maxReplyBytes} bytes`)));
        return;
      }
      chunks.push(chunk.subarray(0, end));
      const text = Buffer.concat(chunks).toString('utf8');
      finish(() => {
        let reply: unknown;
        try {
          reply = JSON.parse(text);
        } catch (error) {
          return reject(new ProtocolError(`${socketPath}: reply is not valid JSON`, { cause: error }));
        }
        if (!isReply(reply)) return reject(new ProtocolError(`${socketPath}: reply has neither {"ok": true, "result"} nor {"ok": false, "error"}`));
        resolve(reply);
      });
    });
    socket.on('close', () => {
      finish(() => reject(new ServerNotRunningError(socketPath, { cause: new Error('connection closed before a reply') })));
    });
  });
}

/**
 * True when something accepts connections at `socketPath` (an f2b server, or any other program:
 * either way the path is taken). A path this user may not open counts as taken too.
 */
export function isSocketAlive(socketPath: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    const done = (alive: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(alive);
    };
    // Connecting to a Unix socket completes at once unless the backlog is full: a busy server is alive.
    const timer = setTimeout(() => done(true), timeoutMs);
    socket.on('connect', () => done(true));
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'EACCES' || error.code === 'EPERM'));
  });
}
