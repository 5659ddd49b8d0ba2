/** @module socket-abuse.test: hostile socket traffic gets error replies from the real server, which keeps running. */
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendCommand } from '@f2b/transmitter';
import { killAllServers, makeServerTree, startServer, type RunningServer, type ServerTree } from './_harness.js';

let tree: ServerTree;
let server: RunningServer;
beforeAll(async () => {
  tree = makeServerTree();
  server = await startServer(tree);
});
afterAll(async () => {
  await killAllServers();
  tree.remove();
});

interface WireReply {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

/** Writes raw bytes and collects the reply lines until the server closes or `lines` replies came. */
function sendRaw(payload: string | Buffer, lines = 1): Promise<WireReply[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(tree.socket);
    let text = '';
    const done = () => {
      socket.destroy();
      resolve(text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as WireReply));
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no reply to ${String(payload).slice(0, 40)}… after 10 s (got ${JSON.stringify(text)})`));
    }, 10_000);
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (text.split('\n').filter(Boolean).length >= lines) {
        clearTimeout(timer);
        done();
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
    // The server may close on an oversized line before reading all of it.
    socket.on('error', () => undefined);
    socket.write(payload);
  });
}

async function expectAlive(): Promise<void> {
  expect(server.child.exitCode).toBeNull();
  expect(await server.ask(['ping'])).toBe('pong');
}

describe('f2b-server socket under hostile input', () => {
  it('creates its socket readable and writable by its owner only', () => {
    expect(statSync(tree.socket).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['not JSON', '{"status"\n', 'E_MALFORMED'],
    ['JSON that is not an array', '{"cmd":"status"}\n', 'E_MALFORMED'],
    ['an array of non-strings', '[1, null, {"a": 2}]\n', 'E_MALFORMED'],
    ['binary junk', Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]), Buffer.from('\n')]), 'E_MALFORMED'],
    ['an unknown command', '["frobnicate","now"]\n', 'E_COMMAND'],
    ['a known command with bad arguments', '["set","t","bantime","soon"]\n', 'E_COMMAND'],
    ['a command for a jail that does not exist', '["status","nosuchjail"]\n', 'E_UNKNOWN_JAIL'],
  ])('answers %s with an error and keeps serving', async (_what, payload, code) => {
    const [reply] = await sendRaw(payload);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    expect(reply!.error!.message.length).toBeGreaterThan(0);
    await expectAlive();
  });

  it('answers an oversized message with E_TOO_LARGE and closes only that connection', async () => {
    const huge = `["echo","${'A'.repeat(1024 * 1024)}"]\n`;
    const replies = await sendRaw(huge);
    expect(replies[0]).toMatchObject({ ok: false, error: { code: 'E_TOO_LARGE' } });
    await expectAlive();
  });

  it('answers a good command after a bad one on the same connection', async () => {
    const replies = await sendRaw('nonsense\n["ping"]\n', 2);
    expect(replies.map((r) => r.ok)).toEqual([false, true]);
    expect(replies[1]!.result).toBe('pong');
  });

  it('answers 100 concurrent clients, good and bad mixed', async () => {
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? sendCommand(tree.socket, ['status', 't'], { timeoutMs: 20_000 }) : sendCommand(tree.socket, ['bogus', String(i)], { timeoutMs: 20_000 }))),
    );
    const good = replies.filter((_, i) => i % 2 === 0);
    const bad = replies.filter((_, i) => i % 2 === 1);
    expect(good.every((r) => r.ok && (r.result as { jail: string }).jail === 't')).toBe(true);
    expect(bad.every((r) => !r.ok && r.error.code === 'E_COMMAND')).toBe(true);
    await expectAlive();
  });

  it('survives clients that connect and hang up mid-line', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () => new Promise<void>((resolve) => {
        const socket = connect(tree.socket, () => {
          socket.write('["status", "t"');
          socket.destroy();
          resolve();
        });
        socket.on('error', () => resolve());
      })),
    );
    await expectAlive();
  });
});
