import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { sendCommand } from '@f2b/transmitter';
import { runF2bClient } from './_client-harness.js';

/**
 * A stand-in for f2b-server: plain Node (no build needed), started the way `start` starts the real
 * one. It records its arguments and pid, answers ping, and exits on stop; FAKE_EXIT makes it die early.
 */
const FAKE_SERVER = `
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
const args = process.argv.slice(2);
writeFileSync(process.env.FAKE_RECORD, JSON.stringify({ args, pid: process.pid }));
if (process.env.FAKE_EXIT) process.exit(Number(process.env.FAKE_EXIT));
const server = createServer((connection) => {
  connection.on('data', (data) => {
    const words = JSON.parse(String(data).split('\\n')[0]);
    if (words[0] === 'stop') connection.end('{"ok":true,"result":null}\\n', () => { server.close(); process.exit(0); });
    else connection.write('{"ok":true,"result":"pong"}\\n');
  });
});
// Come up a little late, as a real server reading its configuration would.
setTimeout(() => server.listen(args[args.indexOf('-s') + 1]), 150);
`;

let tree: TempTree;
let env: NodeJS.ProcessEnv;

function recorded(): { args: string[]; pid: number } {
  return JSON.parse(readFileSync(tree.path('record.json'), 'utf8')) as { args: string[]; pid: number };
}

beforeEach(() => {
  tree = makeTempTree({ 'fake-server.mjs': FAKE_SERVER });
  env = { F2B_SERVER_SCRIPT: tree.path('fake-server.mjs'), FAKE_RECORD: tree.path('record.json'), PATH: process.env.PATH ?? '' };
});

afterEach(() => {
  // Never leave a detached fake server behind, whatever the test did.
  if (existsSync(tree.path('record.json'))) {
    try {
      process.kill(recorded().pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  tree.remove();
});

describe('f2b-client start / stop / restart', () => {
  it('starts the server in the background with -b -c -s and waits until it answers ping', async () => {
    const socket = tree.path('f2b.sock');
    const run = await runF2bClient(['-c', tree.dir, '-s', socket, 'start'], { env });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(recorded().args).toEqual(['-b', '-c', tree.dir, '-s', socket]);
    expect(await sendCommand(socket, ['ping'])).toEqual({ ok: true, result: 'pong' });

    expect(await runF2bClient(['-s', socket, 'start'], { env })).toEqual({ status: 255, stdout: '', stderr: 'Server already running\n' });

    expect(await runF2bClient(['-s', socket, 'stop'], { env })).toEqual({ status: 0, stdout: 'Shutdown successful\n', stderr: '' });
    expect(existsSync(socket)).toBe(false);
  });

  it('restarts: stops the running server, then starts a new one', async () => {
    const socket = tree.path('f2b.sock');
    expect((await runF2bClient(['-c', tree.dir, '-s', socket, 'start'], { env })).status).toBe(0);
    const first = recorded().pid;
    expect(await runF2bClient(['-c', tree.dir, '-s', socket, '-x', 'restart'], { env })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(recorded().pid).not.toBe(first);
    expect(recorded().args).toContain('-x');
    expect((await runF2bClient(['-s', socket, 'stop'], { env })).status).toBe(0);
  });

  it('reports a server that dies before answering, and exits 255', async () => {
    const socket = tree.path('f2b.sock');
    const run = await runF2bClient(['-c', tree.dir, '-s', socket, 'start'], { env: { ...env, FAKE_EXIT: '3' } });
    expect(run).toEqual({ status: 255, stdout: '', stderr: `f2b-server exited with code 3 before answering on ${socket} (run f2b-server -f to see why)\n` });
  });

  it('gives up after --timeout when the server never answers', async () => {
    const socket = tree.path('f2b.sock');
    const silent = tree.write('silent.mjs', `import { writeFileSync } from 'node:fs'; writeFileSync(process.env.FAKE_RECORD, JSON.stringify({ pid: process.pid })); setInterval(() => {}, 1000);`);
    const run = await runF2bClient(['--timeout', '0.5', '-s', socket, 'start'], { env: { ...env, F2B_SERVER_SCRIPT: silent } });
    expect(run).toEqual({ status: 255, stdout: '', stderr: `f2b-server did not answer on ${socket} within 0.5 s\n` });
  });

  it('says where the server is missing', async () => {
    const run = await runF2bClient(['-s', tree.path('f2b.sock'), 'start'], { env: { F2B_SERVER_SCRIPT: tree.path('nope.js') } });
    expect(run.status).toBe(255);
    expect(run.stderr).toBe(`f2b-server not found at ${tree.path('nope.js')} (build it with: pnpm turbo run build --filter @f2b/server)\n`);
  });
});
