/** @module server-settings.test: `set logtarget|dbfile|dbmaxmatches|dbpurgeage` on a running f2b-server, and the /proc logtarget at start. */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@f2b/database';
import { killAllServers, makeServerTree, requireBuilt, SERVER_JS, startServer, waitFor, expectErrorReply, type ServerTree } from './_harness.js';

let tree: ServerTree | null = null;
afterEach(async () => {
  await killAllServers();
  tree?.remove();
  tree = null;
});

const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

async function banAndWait(t: ServerTree, ip: string): Promise<void> {
  t.fail(ip, 2);
  await waitFor(() => t.actions().includes(`ban ${ip}`), 10_000, `the ban of ${ip}`);
}

/** Bans stored in a database file, read through a second connection (WAL allows it while the server runs). */
function storedBans(file: string): Array<{ ip: string; matches: number }> {
  const db = openDatabase({ file, onCorrupt: 'refuse', checkIntegrity: false });
  try {
    return db.currentBans({ now: Date.now() / 1000 }).map((b) => ({ ip: b.ip, matches: b.data.matches?.length ?? 0 }));
  } finally {
    db.close();
  }
}


describe('set logtarget at run time', () => {
  it('moves the server and jail log to a new file, keeps it on an unwritable target, and reopens it on flushlogs and SIGUSR1', async () => {
    const t = (tree = makeServerTree());
    const server = await startServer(t);
    const next = t.tree.path('logs/new/server.log');
    expect(await server.ask(['set', 'logtarget', next])).toBe(next);
    expect(await server.ask(['get', 'logtarget'])).toBe(next);
    await banAndWait(t, '192.0.2.7');
    await waitFor(() => read(next).includes('Ban 192.0.2.7'), 5000, 'the ban line in the new log file');
    expect(read(t.logfile)).not.toContain('Ban 192.0.2.7');
    expect(read(t.logfile)).toContain(`Changing logtarget to ${next}`);

    // Unwritable targets: one-line errors naming the file and errno; the current target stays.
    await expectErrorReply(server, ['set', 'logtarget', '/proc/nonexistent/x.log'], 'E_LOGTARGET', /^logtarget \/proc\/nonexistent\/x\.log: cannot write: ENOENT$/);
    await expectErrorReply(server, ['set', 'logtarget', '/etc/passwd/x.log'], 'E_LOGTARGET', /^logtarget \/etc\/passwd\/x\.log: cannot write: ENOTDIR$/);
    expect(await server.ask(['get', 'logtarget'])).toBe(next);
    await banAndWait(t, '192.0.2.8');
    await waitFor(() => read(next).includes('Ban 192.0.2.8'), 5000, 'the second ban line in the same file');

    // logrotate moves the file away; flushlogs (then SIGUSR1) makes the server write a fresh one.
    renameSync(next, `${next}.1`);
    expect(await server.ask(['flushlogs'])).toBe('rolled over');
    await banAndWait(t, '192.0.2.9');
    await waitFor(() => read(next).includes('Ban 192.0.2.9'), 5000, 'the ban line in the reopened file');
    renameSync(next, `${next}.2`);
    server.child.kill('SIGUSR1');
    await waitFor(() => existsSync(next), 5000, 'the log file reopened on SIGUSR1');
    await banAndWait(t, '192.0.2.10');
    await waitFor(() => read(next).includes('Ban 192.0.2.10'), 5000, 'the ban line after SIGUSR1');

    // A reserved name switches to the stream; the file gets no more lines.
    expect(await server.ask(['set', 'logtarget', 'stderr'])).toBe('STDERR');
    await banAndWait(t, '192.0.2.11');
    await waitFor(() => server.stderr().includes('Ban 192.0.2.11'), 5000, 'the ban line on stderr');
    expect(read(next)).not.toContain('192.0.2.11');
    expect(server.child.exitCode).toBeNull();
  });

  it('refuses --logtarget under a missing /proc directory with one line and exit 2, without hanging', () => {
    requireBuilt(SERVER_JS);
    const t = (tree = makeServerTree());
    // Node's recursive mkdir never returns there; the timeout turns such a regression into a failure.
    const result = spawnSync(process.execPath, [SERVER_JS, '-f', '-c', t.conf, '-s', t.socket, '--logtarget', '/proc/nonexistent/x.log'], { encoding: 'utf8', timeout: 8000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('f2b-server: logtarget /proc/nonexistent/x.log: cannot write: ENOENT\n');
  });
});

describe('set dbmaxmatches / dbpurgeage / loglevel at run time', () => {
  it('answers the new values and stores the next ban with the new number of matches', async () => {
    const t = (tree = makeServerTree());
    const dbfile = t.tree.path('db/f2b.sqlite3');
    const server = await startServer(t);
    expect(await server.ask(['get', 'dbmaxmatches'])).toBe(10);
    expect(await server.ask(['get', 'dbpurgeage'])).toBe(86_400);
    await banAndWait(t, '192.0.2.20');
    await waitFor(() => storedBans(dbfile).some((b) => b.ip === '192.0.2.20'), 5000, 'the first stored ban');
    expect(storedBans(dbfile).find((b) => b.ip === '192.0.2.20')?.matches).toBe(2);

    expect(await server.ask(['set', 'dbmaxmatches', '1'])).toBe(1);
    expect(await server.ask(['get', 'dbmaxmatches'])).toBe(1);
    expect(await server.ask(['set', 'dbpurgeage', '2h'])).toBe(7200);
    expect(await server.ask(['get', 'dbpurgeage'])).toBe(7200);
    expect(await server.ask(['set', 'loglevel', 'DEBUG'])).toBe('DEBUG');
    expect(await server.ask(['get', 'loglevel'])).toBe('DEBUG');
    await banAndWait(t, '192.0.2.21');
    await waitFor(() => storedBans(dbfile).some((b) => b.ip === '192.0.2.21'), 5000, 'the second stored ban');
    expect(storedBans(dbfile).find((b) => b.ip === '192.0.2.21')?.matches).toBe(1);
  });
});

describe('set dbfile at run time', () => {
  it('is refused while jails run; with none running it closes the database and bans go to the new file', async () => {
    const t = (tree = makeServerTree());
    const oldFile = t.tree.path('db/f2b.sqlite3');
    const newFile = t.tree.path('db2/other.sqlite3');
    const server = await startServer(t);
    expect(await server.ask(['get', 'dbfile'])).toBe(oldFile);
    // Setting the file in use changes nothing, as in Fail2Ban.
    expect(await server.ask(['set', 'dbfile', oldFile])).toBe(oldFile);
    await expectErrorReply(server, ['set', 'dbfile', newFile], 'E_DB_BUSY', /^set dbfile: cannot change the database while jails are running \(stop them first: t\)$/);
    expect(existsSync(newFile)).toBe(false);

    expect(await server.ask(['stop', 't'])).toBe('OK');
    await expectErrorReply(server, ['set', 'dbfile', '/proc/nonexistent/f2b.sqlite3'], 'E_PRIVATE_DIR', /^cannot create \/proc\/nonexistent: ENOENT$/);
    expect(await server.ask(['get', 'dbfile'])).toBe(oldFile);
    expect(await server.ask(['set', 'dbmaxmatches', '3'])).toBe(3);
    expect(await server.ask(['set', 'dbfile', newFile])).toBe(newFile);
    expect(await server.ask(['get', 'dbfile'])).toBe(newFile);
    // Same settings as before the switch.
    expect(await server.ask(['get', 'dbmaxmatches'])).toBe(3);

    expect(await server.ask(['start', 't'])).toBe('OK');
    await banAndWait(t, '192.0.2.30');
    await waitFor(() => storedBans(newFile).some((b) => b.ip === '192.0.2.30'), 5000, 'the ban in the new database');
    expect(storedBans(oldFile).map((b) => b.ip)).not.toContain('192.0.2.30');

    // None: no persistence, and `get dbfile` says so.
    await server.ask(['stop', 't']);
    expect(await server.ask(['set', 'dbfile', 'None'])).toBeNull();
    expect(await server.ask(['get', 'dbfile'])).toBeNull();
    expect(server.child.exitCode).toBeNull();
  });
});

describe('log file at shutdown', () => {
  it('writes the last lines whole and in order after SIGTERM', async () => {
    // A quick JS action and no database file: the last lines follow each other within one write, when
    // a synchronous flush used to overtake the write still in flight (a race: seen about 1 run in 4).
    const quick = 'export default class { start() {} stop() {} ban() {} unban() {} }\n';
    const t = (tree = makeServerTree({ action: 'quick.mjs', files: { 'conf/action.d/quick.mjs': quick, 'conf/fail2ban.local': '[Definition]\ndbfile = :memory:\n' } }));
    const server = await startServer(t);
    expect(await server.ask(['set', 't', 'banip', '192.0.2.40'])).toBe(1);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const lines = read(t.logfile).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { time: string; msg: string });
    const messages = lines.map((l) => l.msg);
    const shutdown = messages.indexOf('Shutdown in progress...');
    expect(shutdown).toBeGreaterThan(-1);
    expect(messages.slice(shutdown)).toEqual(['Shutdown in progress...', "Jail 't' stopped", 'Exiting f2b']);
    // The file holds lines in the order they were logged.
    const times = lines.map((l) => l.time);
    expect(times).toEqual([...times].sort());
  });
});
