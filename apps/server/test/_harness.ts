/** @module _harness: run the BUILT f2b-server as a real process on a temp config tree, and talk to it. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { sendCommand, type Reply } from '@f2b/transmitter';
import { expect } from 'vitest';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built server; the tests exercise what users run, so they need `pnpm build` first. */
export const SERVER_JS = join(appDir, 'dist', 'f2b-server.js');
/** The built client, for the one check through the real CLI. */
export const CLIENT_JS = join(appDir, '..', 'client', 'dist', 'f2b-client.js');

/** Fails (not skips) with the fix when the build is missing. */
export function requireBuilt(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` before \`pnpm test\``);
}

/** A temp config tree: fail2ban.conf, one jail `t` on `auth.log` with filter `t` and an action recording to `actions.log`. */
export interface ServerTree {
  readonly tree: TempTree;
  readonly conf: string;
  readonly socket: string;
  readonly pidfile: string;
  readonly logfile: string;
  readonly authLog: string;
  readonly actionsLog: string;
  /** Lines the recording action wrote so far (`start`, `ban 192.0.2.7`, …). */
  actions(): string[];
  /** Appends failing lines for `ip`. */
  fail(ip: string, times?: number): void;
  remove(): void;
}

export interface TreeOptions {
  readonly maxretry?: number;
  readonly backend?: string;
  /** Replaces the jail's `action =` line. */
  readonly action?: string;
  /** Extra files (relative path → text), e.g. an action.d file. */
  readonly files?: Record<string, string>;
}

/** Writes the tree; the recording action appends `<verb> <ip>` lines, so the test sees what ran and in which order. */
export function makeServerTree(options: TreeOptions = {}): ServerTree {
  const tree = makeTempTree({}, 'f2b-server-');
  const p = (rel: string) => tree.path(rel);
  const actionsLog = p('actions.log');
  tree.write(
    'conf/fail2ban.conf',
    `[Definition]\nloglevel = INFO\nlogtarget = STDERR\nsocket = ${p('run/f2b.sock')}\npidfile = ${p('run/f2b.pid')}\ndbfile = ${p('db/f2b.sqlite3')}\ndbpurgeage = 1d\n`,
  );
  tree.write(
    'conf/jail.conf',
    [
      '[DEFAULT]',
      'ignoreself = false',
      'ignoreip =',
      '',
      '[t]',
      'enabled = true',
      'filter = t',
      `logpath = ${p('auth.log')}`,
      `backend = ${options.backend ?? 'polling'}`,
      `maxretry = ${options.maxretry ?? 2}`,
      'findtime = 600',
      'bantime = 3600',
      `action = ${options.action ?? 'record'}`,
      '',
    ].join('\n'),
  );
  // Lines carry no time stamp: each failure happens "now", so the test needs no clock games.
  tree.write('conf/filter.d/t.conf', '[Definition]\nfailregex = ^login failed for \\S+ from <HOST>$\ndatepattern = {NONE}\n');
  tree.write(
    'conf/action.d/record.conf',
    [
      '[Definition]',
      `actionstart = echo 'start <name>' >> '${actionsLog}'`,
      `actionstop = echo 'stop <name>' >> '${actionsLog}'`,
      `actionban = echo 'ban <ip>' >> '${actionsLog}'`,
      `actionunban = echo 'unban <ip>' >> '${actionsLog}'`,
      '',
      '[Init]',
      'name = default',
      '',
    ].join('\n'),
  );
  for (const [rel, text] of Object.entries(options.files ?? {})) tree.write(rel, text);
  tree.write('auth.log', '');
  return {
    tree,
    conf: p('conf'),
    socket: p('run/f2b.sock'),
    pidfile: p('run/f2b.pid'),
    logfile: p('server.log'),
    authLog: p('auth.log'),
    actionsLog,
    actions: () => (existsSync(actionsLog) ? readFileSync(actionsLog, 'utf8').split('\n').filter(Boolean) : []),
    fail(ip, times = 1) {
      appendFileSync(p('auth.log'), `login failed for root from ${ip}\n`.repeat(times));
    },
    remove: () => tree.remove(),
  };
}

/** A running server process. */
export interface RunningServer {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
  send(words: readonly string[]): Promise<Reply>;
  /** `send` that expects `ok` and returns the result. */
  ask(words: readonly string[]): Promise<unknown>;
  /** Everything the server printed on stderr so far. */
  stderr(): string;
}

const running = new Set<ChildProcess>();

/**
 * Spawns `f2b-server -f -c CONF -s SOCK --logtarget FILE` and waits until it answers `ping`.
 * `logtarget: null` leaves the target to fail2ban.conf.
 */
export async function startServer(t: ServerTree, extra: readonly string[] = [], options: { logtarget?: string | null } = {}): Promise<RunningServer> {
  requireBuilt(SERVER_JS);
  const logtarget = options.logtarget === undefined ? t.logfile : options.logtarget;
  const args = [SERVER_JS, '-f', '-c', t.conf, '-s', t.socket, ...(logtarget === null ? [] : ['--logtarget', logtarget]), ...extra];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let errText = '';
  child.stderr!.on('data', (chunk: Buffer) => (errText += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? -1);
    });
  });
  const server: RunningServer = {
    child,
    exited,
    send: (words) => sendCommand(t.socket, words, { timeoutMs: 10_000 }),
    async ask(words) {
      const reply = await server.send(words);
      if (!reply.ok) throw new Error(`${words.join(' ')}: ${reply.error.code} ${reply.error.message}`);
      return reply.result;
    },
    stderr: () => errText,
  };
  let gone = false;
  void exited.then(() => (gone = true));
  await waitFor(async () => {
    if (gone) throw new Error(`f2b-server exited early: ${errText}${readIfExists(t.logfile)}`);
    try {
      return (await sendCommand(t.socket, ['ping'], { timeoutMs: 1000 })).ok;
    } catch {
      return false;
    }
  }, 15_000, 'f2b-server to answer ping');
  return server;
}

/** Kills every server still running (afterEach): tests never leave processes behind. */
export async function killAllServers(): Promise<void> {
  const waits = [...running].map((child) => {
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    return gone;
  });
  await Promise.all(waits);
}

/** Polls `check` every 50 ms until it returns true; fails after `timeoutMs` naming what it waited for. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs a built CLI to completion. */
export function runCli(file: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  requireBuilt(file);
  const result = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Sends `words`; the reply must be error `code` with a one-line message equal to (or matching) `message`. */
export async function expectErrorReply(server: RunningServer, words: string[], code: string, message: string | RegExp): Promise<void> {
  const reply = await server.send(words);
  expect(reply.ok).toBe(false);
  if (reply.ok) return;
  expect(reply.error.code).toBe(code);
  if (typeof message === 'string') expect(reply.error.message).toBe(message);
  else expect(reply.error.message).toMatch(message);
  expect(reply.error.message).not.toContain('\n');
}
