/** @module signals-cli.test: pid file, SIGTERM (graceful, actionstop runs), SIGHUP (reload), and command-line errors. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sendCommand } from '@f2b/transmitter';
import { killAllServers, makeServerTree, runCli, SERVER_JS, startServer, waitFor, type ServerTree } from './_harness.js';

let tree: ServerTree | null = null;
/** A server started with -b runs detached from the test; its pid is kept here so it never outlives the test. */
let detachedPid: number | null = null;
afterEach(async () => {
  await killAllServers();
  if (detachedPid !== null && isAlive(detachedPid)) process.kill(detachedPid, 'SIGKILL');
  detachedPid = null;
  tree?.remove();
  tree = null;
});

describe('f2b-server signals', () => {
  it('writes its pid file, stops on SIGTERM running actionstop, and removes the pid file', async () => {
    const t = (tree = makeServerTree());
    const server = await startServer(t);
    await waitFor(() => existsSync(t.pidfile), 5000, 'the pid file');
    expect(readFileSync(t.pidfile, 'utf8').trim()).toBe(String(server.child.pid));
    t.fail('192.0.2.9', 2);
    await waitFor(() => t.actions().includes('ban 192.0.2.9'), 10_000, 'the ban');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(t.actions()).toEqual(['start t', 'ban 192.0.2.9', 'stop t']);
    expect(existsSync(t.pidfile)).toBe(false);
    expect(existsSync(t.socket)).toBe(false);
    const log = readFileSync(t.logfile, 'utf8');
    expect(log).toContain('Shutdown in progress');
    expect(log).toContain('Exiting f2b');
  });

  it('honours -p for the pid file and stops on the stop command', async () => {
    const t = (tree = makeServerTree());
    const pidfile = t.tree.path('elsewhere/server.pid');
    const server = await startServer(t, ['-p', pidfile]);
    await waitFor(() => existsSync(pidfile), 5000, 'the -p pid file');
    expect(existsSync(t.pidfile)).toBe(false);
    expect(await server.ask(['stop'])).toBe('Shutdown successful');
    expect(await server.exited).toBe(0);
    expect(existsSync(pidfile)).toBe(false);
    expect(t.actions().at(-1)).toBe('stop t');
  });

  it('reloads on SIGHUP: a jail added to jail.local starts, bans stay', async () => {
    const t = (tree = makeServerTree());
    const server = await startServer(t);
    t.fail('192.0.2.10', 2);
    await waitFor(() => t.actions().includes('ban 192.0.2.10'), 10_000, 'the ban');
    writeFileSync(t.tree.path('auth2.log'), '');
    writeFileSync(`${t.conf}/jail.local`, `[t2]\nenabled = true\nfilter = t\nlogpath = ${t.tree.path('auth2.log')}\nbackend = polling\naction = record\n`);

    server.child.kill('SIGHUP');
    await waitFor(async () => ((await server.ask(['status'])) as { jails: string[] }).jails.includes('t2'), 10_000, 'jail t2 after SIGHUP');
    expect(await server.ask(['get', 't', 'banip'])).toEqual(['192.0.2.10']);
    expect(server.child.exitCode).toBeNull();
    // The unchanged jail kept running: no stop/start of t, one start of t2.
    expect(t.actions()).toEqual(['start t', 'ban 192.0.2.10', 'start t2']);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('f2b-server command line', () => {
  it('starts in the background with -b, returning once the server answers (as f2b-client start does)', async () => {
    const t = (tree = makeServerTree());
    const result = runCli(SERVER_JS, ['-b', '-c', t.conf, '-s', t.socket]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    await waitFor(() => existsSync(t.pidfile), 5000, 'the pid file of the background server');
    detachedPid = Number(readFileSync(t.pidfile, 'utf8'));
    expect(isAlive(detachedPid)).toBe(true);
    expect((await sendCommand(t.socket, ['ping'])).ok).toBe(true);
    expect(t.actions()).toEqual(['start t']);
    await sendCommand(t.socket, ['stop']);
    await waitFor(() => !isAlive(detachedPid!), 10_000, 'the background server to exit');
    expect(t.actions()).toEqual(['start t', 'stop t']);
  });

  it('rejects an unknown flag with one line and exit 2', () => {
    const result = runCli(SERVER_JS, ['--bogus']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^f2b-server: .*--bogus/);
  });

  it('rejects -f together with -b', () => {
    const result = runCli(SERVER_JS, ['-f', '-b']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('f2b-server: -f and -b exclude each other\n');
  });

  it.each([['-f'], ['-b']])('refuses a missing config directory (%s) with one line and exit 2', (mode) => {
    const t = (tree = makeServerTree());
    const missing = t.tree.path('no-such-dir');
    const result = runCli(SERVER_JS, [mode, '-c', missing, '-s', t.socket]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`f2b-server: ${missing}: configuration directory does not exist\n`);
    expect(existsSync(t.socket)).toBe(false);
  });

  it.each([
    [['--logtarget', '/etc/passwd/f2b.log'], /^f2b-server: logtarget \/etc\/passwd\/f2b\.log: cannot write: E[A-Z]+\n$/],
    [['--loglevel', 'LOUD'], /^f2b-server: unknown log level 'LOUD' \(expected CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG\)\n$/],
  ])('refuses an unusable log setting %j with one line and exit 2', (flags, message) => {
    const t = (tree = makeServerTree());
    const result = runCli(SERVER_JS, ['-f', '-c', t.conf, '-s', t.socket, ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('refuses to start over a server that answers on the socket', async () => {
    const t = (tree = makeServerTree());
    await startServer(t);
    const result = runCli(SERVER_JS, ['-f', '-c', t.conf, '-s', t.socket]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`f2b-server: a server already answers on ${t.socket} (stop it, or use -x)\n`);
  });

  it('prints its version and help', () => {
    expect(runCli(SERVER_JS, ['-V'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^f2b-server \d+\.\d+\.\d+\n$/) });
    expect(runCli(SERVER_JS, ['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: f2b-server') });
  });
});
