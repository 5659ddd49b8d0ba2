/** @module start: launch f2b-server in the background and wait until it answers ping; stop and wait until it is gone. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isSocketAlive, sendCommand } from '@f2b/transmitter';
import type { ClientContext } from './context.js';
import { resolveServerScript } from './config.js';

const POLL_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True when a server replies to ping on the socket. */
async function answersPing(ctx: ClientContext): Promise<boolean> {
  try {
    const reply = await sendCommand(ctx.socket, ['ping'], { timeoutMs: 2000 });
    return reply.ok;
  } catch {
    return false;
  }
}

/** `start`: spawns the server detached and polls ping until it answers, the server dies, or time runs out. */
export async function startServer(ctx: ClientContext): Promise<number> {
  if (await answersPing(ctx)) {
    ctx.stderr('Server already running');
    return 255;
  }
  const script = resolveServerScript(ctx.env);
  if (!existsSync(script)) {
    ctx.stderr(`f2b-server not found at ${script} (build it with: pnpm turbo run build --filter @f2b/server)`);
    return 255;
  }
  const args = [script, '-b', '-c', ctx.confDir, '-s', ctx.socket, ...(ctx.force ? ['-x'] : [])];
  if (ctx.verbosity > 0) ctx.stderr(`Starting ${process.execPath} ${args.join(' ')}`);
  const child = spawn(process.execPath, args, { detached: true, stdio: 'ignore', env: ctx.env });
  let failure: string | null = null;
  // `-b` may fork and exit 0 early while the daemon lives on; only a failing exit means it died.
  child.on('exit', (code, signal) => {
    if (code !== 0) failure = signal ? `killed by ${signal}` : `exited with code ${code}`;
  });
  child.on('error', (error) => (failure = error.message));
  child.unref();
  const deadline = Date.now() + ctx.timeoutMs;
  while (Date.now() < deadline) {
    if (await answersPing(ctx)) {
      if (ctx.verbosity > 0) ctx.stdout('Server ready');
      return 0;
    }
    if (failure !== null) {
      ctx.stderr(`f2b-server ${failure} before answering on ${ctx.socket} (run f2b-server -f to see why)`);
      return 255;
    }
    await sleep(POLL_MS);
  }
  ctx.stderr(`f2b-server did not answer on ${ctx.socket} within ${ctx.timeoutMs / 1000} s`);
  return 255;
}

/** Waits until nothing listens on the socket any more. */
async function waitUntilGone(ctx: ClientContext): Promise<boolean> {
  const deadline = Date.now() + ctx.timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isSocketAlive(ctx.socket, 500))) return true;
    await sleep(POLL_MS);
  }
  return false;
}

/** `stop` and `restart`: asks the server to stop, then waits until its socket is gone. */
export async function stopServer(ctx: ClientContext, quiet = false): Promise<number> {
  const reply = await sendCommand(ctx.socket, ['stop'], { timeoutMs: ctx.timeoutMs });
  if (!reply.ok) {
    ctx.stderr(reply.error.message);
    return 1;
  }
  if (!(await waitUntilGone(ctx))) {
    ctx.stderr(`f2b-server still answers on ${ctx.socket} after ${ctx.timeoutMs / 1000} s`);
    return 255;
  }
  if (!quiet) ctx.stdout(ctx.json ? JSON.stringify(reply.result) : 'Shutdown successful');
  return 0;
}

/** `restart`: stop (when running), then start. */
export async function restartServer(ctx: ClientContext): Promise<number> {
  if (await isSocketAlive(ctx.socket)) {
    const stopped = await stopServer(ctx, true);
    if (stopped !== 0) return stopped;
  }
  return startServer(ctx);
}
