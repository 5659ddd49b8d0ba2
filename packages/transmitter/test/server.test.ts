import { lstatSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import {
  CommandTimeoutError,
  createCommandServer,
  isSocketAlive,
  sendCommand,
  ServerNotRunningError,
  SocketInUseError,
  SocketPathError,
  type Command,
  type CommandServer,
} from '@f2b/transmitter';
import { exchangeRaw } from './_helpers.js';

let tree: TempTree;
let server: CommandServer | undefined;
const handled: Command[] = [];

/** A fake handler: echoes the parsed command, or fails the way the words ask. */
async function fakeHandle(command: Command): Promise<unknown> {
  handled.push(command);
  if (command.kind === 'status-jail' && command.jail === 'missing') {
    throw Object.assign(new Error("jail 'missing' does not exist"), { code: 'E_UNKNOWN_JAIL' });
  }
  if (command.kind === 'status-jail' && command.jail === 'broken') throw new TypeError('boom\nsecond line');
  if (command.kind === 'status-jail' && command.jail === 'cyclic') {
    const value: Record<string, unknown> = {};
    value.self = value;
    return value;
  }
  if (command.kind === 'echo' && command.words[0] === 'slow') await new Promise((resolve) => setTimeout(resolve, Number(command.words[1])));
  if (command.kind === 'ping') return 'pong';
  return { command };
}

beforeEach(async () => {
  tree = makeTempTree();
  handled.length = 0;
  server = await createCommandServer({ socketPath: tree.path('f2b.sock'), handle: fakeHandle, maxMessageBytes: 4096, idleTimeoutMs: 2000 });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  tree.remove();
});

describe('createCommandServer', () => {
  it('answers a command with the handler result', async () => {
    const reply = await sendCommand(tree.path('f2b.sock'), ['status', 'sshd']);
    expect(reply).toEqual({ ok: true, result: { command: { kind: 'status-jail', jail: 'sshd', flavor: 'basic' } } });
  });

  it('creates the socket with mode 0600', () => {
    const stat = lstatSync(tree.path('f2b.sock'));
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('replies E_MALFORMED to bad JSON and to JSON that is not an array of strings, and keeps the connection', async () => {
    const { replies, closed } = await exchangeRaw(tree.path('f2b.sock'), '{not json\n{"cmd":"ping"}\n[1,2]\n["ping"]\n', 4);
    expect(closed).toBe(false);
    expect(replies).toEqual([
      { ok: false, error: { code: 'E_MALFORMED', message: 'message is not valid JSON (expected an array of strings, e.g. ["status"])' } },
      { ok: false, error: { code: 'E_MALFORMED', message: 'message must be a JSON array of strings, e.g. ["status"]' } },
      { ok: false, error: { code: 'E_MALFORMED', message: 'message must be a JSON array of strings, e.g. ["status"]' } },
      { ok: true, result: 'pong' },
    ]);
  });

  it('replies E_COMMAND to unknown commands and bad arguments, without calling the handler', async () => {
    expect(await sendCommand(tree.path('f2b.sock'), ['frobnicate'])).toMatchObject({ ok: false, error: { code: 'E_COMMAND', message: expect.stringMatching(/^unknown command 'frobnicate'/) } });
    expect(await sendCommand(tree.path('f2b.sock'), ['set', 'sshd', 'maxretry', 'x'])).toEqual({ ok: false, error: { code: 'E_COMMAND', message: "set sshd maxretry: 'x' is not a number" } });
    expect(handled).toEqual([]);
  });

  it('answers an oversized line with E_TOO_LARGE after earlier replies, then closes the connection', async () => {
    const payload = `["ping"]\n${'x'.repeat(10_000)}`;
    const { replies, closed } = await exchangeRaw(tree.path('f2b.sock'), payload, 3);
    expect(closed).toBe(true);
    expect(replies).toEqual([
      { ok: true, result: 'pong' },
      { ok: false, error: { code: 'E_TOO_LARGE', message: 'message exceeds 4096 bytes; closing the connection' } },
    ]);
    expect(await sendCommand(tree.path('f2b.sock'), ['ping'])).toEqual({ ok: true, result: 'pong' });
  });

  it('accepts a line of exactly the limit, split over many writes', async () => {
    const prefix = '["echo","';
    const word = 'y'.repeat(4096 - prefix.length - 2);
    const { replies } = await exchangeRaw(tree.path('f2b.sock'), `${prefix}${word}"]\n`);
    expect(replies[0]).toMatchObject({ ok: true });
  });

  it('passes a handler error code on, and turns other errors into one-line E_INTERNAL replies', async () => {
    expect(await sendCommand(tree.path('f2b.sock'), ['status', 'missing'])).toEqual({ ok: false, error: { code: 'E_UNKNOWN_JAIL', message: "jail 'missing' does not exist" } });
    expect(await sendCommand(tree.path('f2b.sock'), ['status', 'broken'])).toEqual({ ok: false, error: { code: 'E_INTERNAL', message: 'boom' } });
    expect(await sendCommand(tree.path('f2b.sock'), ['status', 'cyclic'])).toMatchObject({ ok: false, error: { code: 'E_INTERNAL', message: expect.stringMatching(/^result could not be serialised/) } });
    expect(await sendCommand(tree.path('f2b.sock'), ['ping'])).toEqual({ ok: true, result: 'pong' });
  });

  it('serves 100 concurrent clients, each getting its own reply', async () => {
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, index) => sendCommand(tree.path('f2b.sock'), ['echo', 'slow', String(index % 20), `client-${index}`])),
    );
    replies.forEach((reply, index) => {
      expect(reply).toEqual({ ok: true, result: { command: { kind: 'echo', words: ['slow', String(index % 20), `client-${index}`] } } });
    });
    expect(handled).toHaveLength(100);
  });

  it('answers pipelined commands on one connection in order', async () => {
    const { replies } = await exchangeRaw(tree.path('f2b.sock'), '["echo","slow","30","a"]\n["echo","b"]\r\n\n["ping"]\n', 3);
    expect(replies.map((reply) => JSON.stringify(reply))).toEqual([
      JSON.stringify({ ok: true, result: { command: { kind: 'echo', words: ['slow', '30', 'a'] } } }),
      JSON.stringify({ ok: true, result: { command: { kind: 'echo', words: ['b'] } } }),
      JSON.stringify({ ok: true, result: 'pong' }),
    ]);
  });

  it('closes a connection that stays silent past the idle timeout', async () => {
    const started = Date.now();
    const { replies, closed } = await exchangeRaw(tree.path('f2b.sock'), '');
    expect(closed).toBe(true);
    expect(replies).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('does not count a slow command as idle time', async () => {
    const socketPath = tree.path('slow.sock');
    const slow = await createCommandServer({ socketPath, idleTimeoutMs: 100, handle: () => new Promise((resolve) => setTimeout(() => resolve('done'), 350)) });
    try {
      expect(await sendCommand(socketPath, ['reload'])).toEqual({ ok: true, result: 'done' });
    } finally {
      await slow.close();
    }
  });

  it('refuses to start where a live server answers, and replaces a stale socket file', async () => {
    await expect(createCommandServer({ socketPath: tree.path('f2b.sock'), handle: fakeHandle })).rejects.toBeInstanceOf(SocketInUseError);
    // A stale socket: a process bound it and exited without unlinking it (as after a crash).
    const stalePath = tree.path('stale.sock');
    const script = `require('node:net').createServer().listen(${JSON.stringify(stalePath)}, () => process.exit(0))`;
    expect(spawnSync(process.execPath, ['-e', script]).status).toBe(0);
    expect(existsSync(stalePath)).toBe(true);
    expect(await isSocketAlive(stalePath)).toBe(false);
    const second = await createCommandServer({ socketPath: stalePath, handle: fakeHandle });
    expect(await sendCommand(stalePath, ['ping'])).toEqual({ ok: true, result: 'pong' });
    await second.close();
  });

  it('refuses to replace a file that is not a socket', async () => {
    const file = tree.write('plain', 'keep me');
    await expect(createCommandServer({ socketPath: file, handle: fakeHandle })).rejects.toBeInstanceOf(SocketPathError);
    writeFileSync(file, 'still here');
  });

  it('removes its socket file on close and lets a reply in progress finish', async () => {
    const pending = sendCommand(tree.path('f2b.sock'), ['echo', 'slow', '100', 'last']);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await server?.close();
    expect(await pending).toMatchObject({ ok: true });
    expect(existsSync(tree.path('f2b.sock'))).toBe(false);
  });
});

describe('sendCommand', () => {
  it('rejects with ServerNotRunningError naming the socket when nothing listens', async () => {
    const missing = tree.path('nobody-home.sock');
    await expect(sendCommand(missing, ['ping'])).rejects.toThrow(new ServerNotRunningError(missing));
    await expect(sendCommand(missing, ['ping'])).rejects.toMatchObject({ code: 'E_NOT_RUNNING', socketPath: missing });
  });

  it('times out when the reply does not come', async () => {
    await expect(sendCommand(tree.path('f2b.sock'), ['echo', 'slow', '500'], { timeoutMs: 50 })).rejects.toBeInstanceOf(CommandTimeoutError);
    // The server is unharmed by the client leaving early.
    expect(await sendCommand(tree.path('f2b.sock'), ['ping'])).toEqual({ ok: true, result: 'pong' });
  });
});
