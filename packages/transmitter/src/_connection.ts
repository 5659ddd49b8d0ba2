/** @module connection: one client connection on the server side: split lines under a size limit, answer them in order. */
import type { Socket } from 'node:net';
import { WIRE_ERROR_CODES } from './errors.js';
import type { Reply } from './results.js';

const NEWLINE = 0x0a;

/** What a connection needs from its server. */
export interface ConnectionOptions {
  readonly maxMessageBytes: number;
  readonly idleTimeoutMs: number;
  /** Turns one line (without its newline) into a reply; must not throw. */
  readonly answer: (line: string) => Promise<Reply>;
  /** Called once when the socket is gone. */
  readonly onClose: () => void;
}

/** Marks the point after which a line was too long: answer it with an error, then hang up. */
const TOO_LARGE = Symbol('too large');

/** A served connection; `closeWhenIdle` lets the server shut down without cutting replies short. */
export interface Connection {
  closeWhenIdle(): void;
  destroy(): void;
}

/** Serves `socket` until the client hangs up, goes idle, or sends a line over the limit. */
export function serveConnection(socket: Socket, options: ConnectionOptions): Connection {
  const queue: Array<string | typeof TOO_LARGE> = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let working = false;
  let closing = false;
  let stopped = false;

  // Idle means the client is silent while we owe it nothing; a slow command (reload) is not idle.
  const onIdle = (): void => {
    if (working) socket.setTimeout(options.idleTimeoutMs);
    else socket.destroy();
  };
  socket.setTimeout(options.idleTimeoutMs);
  socket.on('timeout', onIdle);
  // Peers vanish mid-write (EPIPE, ECONNRESET); that is their business, never the server's crash.
  socket.on('error', () => socket.destroy());
  socket.once('close', options.onClose);

  socket.on('data', (chunk: Buffer) => {
    if (stopped) return;
    let rest = chunk;
    for (let index = rest.indexOf(NEWLINE); index >= 0; index = rest.indexOf(NEWLINE)) {
      const size = pendingBytes + index;
      if (size > options.maxMessageBytes) return stopReading();
      const line = Buffer.concat([...pending, rest.subarray(0, index)]).toString('utf8');
      pending = [];
      pendingBytes = 0;
      rest = rest.subarray(index + 1);
      const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (trimmed.trim() !== '') queue.push(trimmed);
    }
    if (rest.length > 0) {
      pendingBytes += rest.length;
      // Keep a copy: the chunk's memory may be a slab shared with other reads.
      pending.push(Buffer.from(rest));
      if (pendingBytes > options.maxMessageBytes) return stopReading();
    }
    void work();
  });

  socket.on('end', () => {
    // A half-closed client still gets replies to what it sent; then we close our side.
    closing = true;
    void work();
  });

  function stopReading(): void {
    stopped = true;
    pending = [];
    pendingBytes = 0;
    queue.push(TOO_LARGE);
    void work();
  }

  async function work(): Promise<void> {
    if (working) return;
    working = true;
    socket.pause();
    try {
      while (queue.length > 0 && !socket.destroyed) {
        const line = queue.shift() as string | typeof TOO_LARGE;
        if (line === TOO_LARGE) {
          const error = { code: WIRE_ERROR_CODES.tooLarge, message: `message exceeds ${options.maxMessageBytes} bytes; closing the connection` };
          socket.end(`${JSON.stringify({ ok: false, error })}\n`);
          return;
        }
        const reply = await options.answer(line);
        if (socket.destroyed) return;
        const fits = socket.write(`${serialiseReply(reply)}\n`);
        if (!fits) await new Promise((resolve) => socket.once('drain', resolve));
      }
      if (closing && !socket.destroyed) socket.end();
    } finally {
      working = false;
      if (!socket.destroyed && !stopped) socket.resume();
    }
  }

  return {
    closeWhenIdle() {
      closing = true;
      if (!working && queue.length === 0) socket.end();
    },
    destroy: () => socket.destroy(),
  };
}

/** JSON text of a reply; a result JSON cannot express (cycles, BigInt) becomes an internal error. */
export function serialiseReply(reply: Reply): string {
  try {
    return JSON.stringify(reply);
  } catch (error) {
    const message = `result could not be serialised: ${error instanceof Error ? error.message : String(error)}`;
    return JSON.stringify({ ok: false, error: { code: WIRE_ERROR_CODES.internal, message } });
  }
}
