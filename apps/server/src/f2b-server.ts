#!/usr/bin/env node
/** @module f2b-server: the daemon's command line — flags like fail2ban-server, signals, pid file. */
import './_heap-flags.js';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readServerConfig } from '@f2b/config-reader';
import { isSocketAlive, sendCommand } from '@f2b/transmitter';
import { parseServerArgs, USAGE, UsageError, type ServerArgs } from './_args.js';
import { F2bServer, requireConfigDir, VERSION } from './server.js';
import { makeMissingDirs } from './_make-dirs.js';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseServerArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.version) {
    console.log(`f2b-server ${VERSION}`);
    return 0;
  }
  requireConfigDir(args.confDir);
  return args.foreground ? runForeground(args) : startBackground(argv, args);
}

/** Runs the server in this process until SIGTERM/SIGINT or `stop`. */
async function runForeground(args: ServerArgs): Promise<number> {
  let finished!: () => void;
  const stopped = new Promise<void>((resolve) => (finished = resolve));
  const server = new F2bServer({
    confDir: args.confDir,
    force: args.force,
    onStopped: () => finished(),
    ...(args.socket ? { socket: args.socket } : {}),
    ...(args.logtarget ? { logtarget: args.logtarget } : {}),
    ...(args.loglevel ? { loglevel: args.loglevel } : {}),
  });
  if (args.force) rmSync(server.socketPath, { force: true });
  else if (await isSocketAlive(server.socketPath)) throw new UsageError(`a server already answers on ${server.socketPath} (stop it, or use -x)`);
  const pidfile = args.pidfile ?? server.config.server.pidfile;
  // Signals are caught from before the socket opens (a client may already talk to the server while its
  // jails start); a stop or reload asked for meanwhile runs once start-up is done.
  let started = false;
  let pending: 'stop' | 'reload' | null = null;
  const reload = (): void => void server.reload().catch((e: Error) => server.log.logger.error(`reload failed: ${e.message}`));
  const stop = (): void => {
    if (started) void server.stop();
    else pending = 'stop';
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', () => {
    if (started) reload();
    else pending ??= 'reload';
  });
  process.on('SIGUSR1', () => server.log.reopen());
  await server.start();
  writePidfile(pidfile, server);
  started = true;
  if (pending === 'stop') void server.stop();
  else if (pending === 'reload') reload();
  await stopped;
  rmSync(pidfile, { force: true });
  return 0;
}

function writePidfile(pidfile: string, server: F2bServer): void {
  try {
    makeMissingDirs(dirname(pidfile));
    writeFileSync(pidfile, `${process.pid}\n`);
  } catch (error) {
    server.log.logger.warn(`cannot write pid file ${pidfile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Starts a detached foreground server and waits until it answers `ping` (Fail2Ban's default mode). */
async function startBackground(argv: readonly string[], args: ServerArgs): Promise<number> {
  const childArgs = [process.argv[1]!, ...argv.filter((a) => a !== '-b' && a !== '--background'), '-f'];
  const child = spawn(process.execPath, childArgs, { detached: true, stdio: 'ignore' });
  child.unref();
  const socket = args.socket ?? readServerConfig(args.confDir).socket;
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (await answersPing(socket)) return 0;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`f2b-server did not answer on ${socket} (see its log)`);
  return 255;
}

async function answersPing(socket: string): Promise<boolean> {
  try {
    return (await sendCommand(socket, ['ping'], { timeoutMs: 500 })).ok;
  } catch {
    return false;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: unknown }).code !== undefined) {
      console.error(`f2b-server: ${(error as Error).message}`);
      process.exitCode = 2;
    } else {
      console.error('f2b-server: this is a bug, please report it:');
      console.error(error);
      process.exitCode = 1;
    }
  },
);
