/** @module lifecycle.test: a real f2b-server bans from its log, answers status, unbans, survives kill -9 and reloads. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_JS, killAllServers, makeServerTree, runCli, startServer, waitFor, type ServerTree } from './_harness.js';

let tree: ServerTree | null = null;
afterEach(async () => {
  await killAllServers();
  tree?.remove();
  tree = null;
});

const ATTACKER = '192.0.2.7';

describe('f2b-server lifecycle', () => {
  it('bans from the log, reports it, unbans, restores after kill -9 without recounting, and reloads', async () => {
    const t = (tree = makeServerTree({ maxretry: 2 }));
    let server = await startServer(t);
    expect(t.actions()).toEqual(['start t']);

    // One failure is not enough; the second one bans.
    t.fail(ATTACKER);
    await waitFor(async () => ((await server.ask(['status', 't'])) as { filter: { totalFailed: number } }).filter.totalFailed === 1, 10_000, 'the first failure');
    expect(t.actions()).toEqual(['start t']);
    t.fail(ATTACKER);
    await waitFor(() => t.actions().includes(`ban ${ATTACKER}`), 10_000, 'the ban action');

    expect(await server.ask(['status'])).toMatchObject({ jails: ['t'] });
    expect(await server.ask(['status', 't'])).toEqual({
      jail: 't',
      filter: { currentlyFailed: 0, totalFailed: 2, fileList: [t.authLog] },
      actions: { currentlyBanned: 1, totalBanned: 1, bannedIps: [ATTACKER] },
    });
    expect(await server.ask(['banned'])).toEqual([{ jail: 't', ips: [ATTACKER] }]);
    expect(await server.ask(['banned', ATTACKER])).toEqual([['t']]);
    const withTime = (await server.ask(['get', 't', 'banip', '--with-time'])) as Array<{ ip: string; bannedAt: number; bantime: number; endsAt: number }>;
    expect(withTime).toHaveLength(1);
    expect(withTime[0]).toMatchObject({ ip: ATTACKER, bantime: 3600 });
    expect(withTime[0]!.endsAt - withTime[0]!.bannedAt).toBe(3600);
    expect(Math.abs(withTime[0]!.bannedAt - Date.now() / 1000)).toBeLessThan(60);

    // The real client CLI, formatting the reply like fail2ban-client.
    const cli = runCli(CLIENT_JS, ['-s', t.socket, 'status', 't']);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('Status for the jail: t');
    expect(cli.stdout).toMatch(/Total failed:\s+2/);
    expect(cli.stdout).toMatch(new RegExp(`Banned IP list:\\s+${ATTACKER.replaceAll('.', '\\.')}`));

    // unbanip lifts the ban and runs the unban action.
    expect(await server.ask(['set', 't', 'unbanip', ATTACKER])).toBe(1);
    await waitFor(() => t.actions().includes(`unban ${ATTACKER}`), 5000, 'the unban action');
    expect(await server.ask(['banned'])).toEqual([{ jail: 't', ips: [] }]);

    // Ban a second attacker, then crash the server: no actionstop runs.
    const second = '198.51.100.23';
    t.fail(second, 2);
    await waitFor(() => t.actions().includes(`ban ${second}`), 10_000, 'the second ban');
    server.child.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    expect(t.actions()).not.toContain('stop t');

    // Restart with the same flags (the crashed server's stale socket file is replaced, no -x needed):
    // the ban comes back from the database and the actions re-apply it; old log lines are not read again.
    const before = t.actions().length;
    server = await startServer(t);
    await waitFor(() => t.actions().slice(before).includes(`ban ${second}`), 10_000, 'the restored ban');
    expect(t.actions().slice(before)).toEqual(['start t', `ban ${second}`]);
    expect(await server.ask(['get', 't', 'banip'])).toEqual([second]);
    const restarted = (await server.ask(['status', 't'])) as { filter: { totalFailed: number; currentlyFailed: number } };
    expect(restarted.filter).toMatchObject({ totalFailed: 0, currentlyFailed: 0 });
    // A new line is counted exactly once.
    t.fail('203.0.113.5');
    await waitFor(async () => ((await server.ask(['status', 't'])) as { filter: { totalFailed: number } }).filter.totalFailed === 1, 10_000, 'the new failure');
    await new Promise((r) => setTimeout(r, 1500));
    expect(((await server.ask(['status', 't'])) as { filter: { totalFailed: number } }).filter.totalFailed).toBe(1);

    // reload after editing jail.local: maxretry changes, a new jail appears, the ban stays.
    writeFileSync(`${t.conf}/jail.local`, `[t]\nmaxretry = 1\n\n[t2]\nenabled = true\nfilter = t\nlogpath = ${t.tree.path('auth2.log')}\nbackend = polling\naction = record\n`);
    writeFileSync(t.tree.path('auth2.log'), '');
    expect(await server.ask(['reload'])).toBe('OK');
    expect(await server.ask(['status'])).toMatchObject({ jails: ['t', 't2'] });
    expect(await server.ask(['get', 't', 'maxretry'])).toBe(1);
    expect(await server.ask(['get', 't', 'banip'])).toEqual([second]);
    // maxretry = 1 is in force: one more line from the pending address bans it.
    t.fail('203.0.113.5');
    await waitFor(() => t.actions().includes('ban 203.0.113.5'), 10_000, 'a ban with the reloaded maxretry');
    expect((await server.ask(['get', 't', 'banip'])) as string[]).toEqual(expect.arrayContaining([second, '203.0.113.5']));
    expect(readFileSync(t.logfile, 'utf8')).toContain('Reload finished');
  });
});

describe('f2b-server start-up', () => {
  it('answers ping at once but holds other commands until the configured jails have started', async () => {
    // The action module takes 1.5 s to load: the socket is open (ping answers) long before jail `t` exists.
    const slow = 'await new Promise((r) => setTimeout(r, 1500));\nexport default class { start() {} stop() {} ban() {} unban() {} }\n';
    const t = (tree = makeServerTree({ action: 'slow.mjs', files: { 'conf/action.d/slow.mjs': slow } }));
    const server = await startServer(t);
    expect(await server.ask(['status', 't'])).toMatchObject({ jail: 't' });
    expect(await server.ask(['set', 't', 'banip', ATTACKER])).toBe(1);
  });
});
