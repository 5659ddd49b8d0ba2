/** @module fleet.test: three real f2b-server processes share bans through a real redis-server. */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '@f2b/test-utils';
import type { StatusResult } from '@f2b/transmitter';
import { CLIENT_JS, killAllServers, makeServerTree, runCli, startServer, waitFor, type RunningServer, type ServerTree } from './_harness.js';

let redis: TestRedis;
let trees: ServerTree[] = [];
/** The servers log in as an ACL user of their own, as a fleet should. */
const USER_PASSWORD = 'fleet-user-pw-1f6a';
const FLEET_USER_RULES = ['~f2b:*', '+xadd', '+xread', '+info', '+client|setname', '+select', '+ping', '+quit'];
beforeAll(async () => {
  // The rights README's "Fleet" section gives the fleet's user, and no more.
  redis = await startRedis({ persist: true, users: { f2b: USER_PASSWORD }, userRules: FLEET_USER_RULES });
});
afterEach(async () => {
  await killAllServers();
  for (const t of trees) t.remove();
  trees = [];
});
afterAll(async () => {
  await redis.remove();
});

const IGNORED = '203.0.113.9';

/** A server tree in the fleet as `origin`; its action writes `ban <ip> <restored>` so restores are told apart. */
function fleetTree(origin: string, stream: string, extraJail = ''): ServerTree {
  const t = makeServerTree({
    maxretry: 2,
    action: 'mark',
    files: {
      'conf/fail2ban.local': `[Fleet]\nurl = redis://f2b:${USER_PASSWORD}@127.0.0.1:${redis.port}/0\nstream = ${stream}\norigin = ${origin}\n`,
      'conf/jail.local': `[t]\n${extraJail}\n`,
    },
  });
  t.tree.write(
    'conf/action.d/mark.conf',
    `[Definition]\nactionban = echo 'ban <ip> <restored>' >> '${t.actionsLog}'\nactionunban = echo 'unban <ip>' >> '${t.actionsLog}'\n`,
  );
  trees.push(t);
  return t;
}

async function fleetOf(server: RunningServer): Promise<NonNullable<StatusResult['fleet']>> {
  const status = (await server.ask(['status'])) as StatusResult;
  if (!status.fleet) throw new Error('status has no fleet');
  return status.fleet;
}

async function connected(servers: readonly RunningServer[]): Promise<void> {
  for (const s of servers) await waitFor(async () => (await fleetOf(s)).connected, 10_000, 'the fleet link');
}

const count = (t: ServerTree, line: string): number => t.actions().filter((l) => l === line).length;

describe('fleet of three servers', () => {
  it('shares a ban within a second, keeps ignoreip, shares the unban, and shows the link in status without the password', async () => {
    const stream = `f2b:bans-${Date.now()}`;
    const [ta, tb, tc] = [fleetTree('a', stream), fleetTree('b', stream), fleetTree('c', stream, `ignoreip = ${IGNORED}`)];
    const servers = await Promise.all([ta!, tb!, tc!].map((t) => startServer(t)));
    const [a, b] = servers;
    await connected(servers);

    // A ban from A's log reaches B and C, whose actions run.
    ta!.fail('192.0.2.7', 2);
    await waitFor(() => count(ta!, 'ban 192.0.2.7 0') === 1, 10_000, "a's own ban");
    const bannedAt = Date.now();
    await waitFor(() => count(tb!, 'ban 192.0.2.7 0') === 1 && count(tc!, 'ban 192.0.2.7 0') === 1, 1000, 'the ban on b and c within 1 s');
    const propagationMs = Date.now() - bannedAt;
    expect(propagationMs).toBeLessThan(1000);
    expect(readFileSync(tb!.logfile, 'utf8')).toMatch(/\[t\] Ban 192\.0\.2\.7 \(fleet peer a\)/);
    expect(await b!.ask(['get', 't', 'banip'])).toEqual(['192.0.2.7']);
    // The peer's ban is one of B's events, as the status page shows them.
    const events = ((await b!.ask(['status'])) as StatusResult).events ?? [];
    expect(events).toContainEqual(expect.objectContaining({ jail: 't', kind: 'ban', ip: '192.0.2.7' }));

    // An address in C's ignoreip is banned on A but not on C.
    expect(await b!.ask(['set', 't', 'banip', IGNORED])).toBe(1);
    await waitFor(() => count(ta!, `ban ${IGNORED} 0`) === 1, 5000, 'the ban of the ignored address on a');
    await waitFor(() => readFileSync(tc!.logfile, 'utf8').includes(`[t] Ignore ${IGNORED} banned by fleet peer b (ignored here)`), 5000, "c's ignore line");
    expect(count(tc!, `ban ${IGNORED} 0`)).toBe(0);

    // A manual unban on A lifts the ban everywhere.
    expect(await a!.ask(['set', 't', 'unbanip', '192.0.2.7'])).toBe(1);
    await waitFor(() => [tb!, tc!].every((t) => count(t, 'unban 192.0.2.7') === 1), 5000, 'the unban on b and c');
    expect(await b!.ask(['get', 't', 'banip'])).toEqual([IGNORED]);

    // Nothing ran twice, and nothing came back to its sender.
    await new Promise((r) => setTimeout(r, 300));
    expect(ta!.actions()).toEqual(['ban 192.0.2.7 0', `ban ${IGNORED} 0`, 'unban 192.0.2.7']);
    expect(tb!.actions()).toEqual(['ban 192.0.2.7 0', `ban ${IGNORED} 0`, 'unban 192.0.2.7']);
    expect(tc!.actions()).toEqual(['ban 192.0.2.7 0', 'unban 192.0.2.7']);

    const fleet = await fleetOf(a!);
    expect(fleet).toMatchObject({ url: `redis://f2b:***@127.0.0.1:${redis.port}/0`, stream, origin: 'a', connected: true, queued: 0, published: 2, applied: 1 });
    const cli = runCli(CLIENT_JS, ['-s', ta!.socket, 'status']);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/`- Fleet\n +\|- Redis:\tredis:\/\/f2b:\*\*\*@127\.0\.0\.1:\d+\/0\n/);
    expect(cli.stdout).toMatch(/Connected:\tyes/);
    expect(cli.stdout).toMatch(/Queued events:\t0/);
    for (const t of [ta!, tb!, tc!]) {
      expect(readFileSync(t.logfile, 'utf8')).not.toContain(USER_PASSWORD);
    }
    expect(cli.stdout).not.toContain(USER_PASSWORD);
  });

  it('gets every ban to every server exactly once across a Redis outage, and resumes after a restart', async () => {
    const stream = `f2b:outage-${Date.now()}`;
    const [ta, tb, tc] = [fleetTree('a', stream), fleetTree('b', stream), fleetTree('c', stream)];
    const servers = await Promise.all([ta!, tb!, tc!].map((t) => startServer(t)));
    const [a, b] = servers;
    await connected(servers);

    const fromA = Array.from({ length: 30 }, (_, i) => `198.51.100.${i + 1}`);
    const fromB = Array.from({ length: 30 }, (_, i) => `192.0.2.${i + 101}`);
    // Bans go on on A and B while Redis stops and (later) starts again.
    let stopped: Promise<void> | null = null;
    for (let i = 0; i < 30; i++) {
      if (i === 10) stopped = redis.stop();
      if (i === 20) {
        await stopped;
        expect((await fleetOf(a!)).connected).toBe(false);
        expect((await fleetOf(a!)).queued).toBeGreaterThan(0);
      }
      await Promise.all([a!.ask(['set', 't', 'banip', fromA[i]!]), b!.ask(['set', 't', 'banip', fromB[i]!])]);
    }
    await redis.start();

    const everyBan = (t: ServerTree, ips: readonly string[]) => ips.every((ip) => count(t, `ban ${ip} 0`) >= 1);
    await waitFor(() => everyBan(ta!, fromB) && everyBan(tb!, fromA) && everyBan(tc!, [...fromA, ...fromB]), 15_000, 'every ban everywhere');
    await new Promise((r) => setTimeout(r, 500));
    for (const t of [ta!, tb!, tc!]) {
      for (const ip of [...fromA, ...fromB]) expect(count(t, `ban ${ip} 0`), `${ip} on ${t.conf}`).toBe(1);
      const warnings = readFileSync(t.logfile, 'utf8').split('\n').filter((l) => l.includes('fleet: Redis') && l.includes('unreachable'));
      expect(warnings.length, t.conf).toBe(1);
    }
    expect((await fleetOf(a!)).queued).toBe(0);

    // C stops; A bans meanwhile; C starts again from the position in its database and applies only the new ban.
    servers[2]!.child.kill('SIGTERM');
    await servers[2]!.exited;
    await a!.ask(['set', 't', 'banip', '198.51.100.200']);
    const c = await startServer(tc!);
    await waitFor(() => count(tc!, 'ban 198.51.100.200 0') === 1, 10_000, 'the ban made while c was down');
    await new Promise((r) => setTimeout(r, 500));
    // Its own bans come back as restored (1); none is applied again as a fresh peer ban.
    for (const ip of [...fromA, ...fromB]) expect(count(tc!, `ban ${ip} 0`)).toBe(1);
    expect((await fleetOf(c)).lastId).not.toBeNull();
  });
  it('joins on reload, says what is wrong with a bad [Fleet] in one line, and leaves out a jail with fleet = false', async () => {
    const stream = `f2b:reload-${Date.now()}`;
    const ta = fleetTree('a', stream);
    const tb = fleetTree('b', stream);
    tb.tree.write('conf/fail2ban.local', '[Fleet]\nurl = http://f2b:not-this-secret@127.0.0.1/0\n');
    const [a, b] = await Promise.all([startServer(ta), startServer(tb)]);
    const bLog = () => readFileSync(tb.logfile, 'utf8');
    await waitFor(() => bLog().includes('[Fleet]: url must start with redis:// or rediss:// (got http://); running without the fleet'), 5000, 'the config error');
    expect(bLog()).not.toContain('not-this-secret');
    const withoutFleet = await b.ask(['status']);
    expect(withoutFleet).toMatchObject({ jails: ['t'] });
    expect(withoutFleet).not.toHaveProperty('fleet');

    tb.tree.write('conf/fail2ban.local', `[Fleet]\nurl = redis://f2b:${USER_PASSWORD}@127.0.0.1:${redis.port}/0\nstream = ${stream}\norigin = b\n`);
    await b.ask(['reload']);
    await connected([a, b]);
    await a.ask(['set', 't', 'banip', '192.0.2.50']);
    await waitFor(() => count(tb, 'ban 192.0.2.50 0') === 1, 5000, 'the ban after joining');

    // The jail leaves the fleet: b reads on, but applies nothing to it.
    tb.tree.write('conf/jail.local', '[t]\nfleet = false\n');
    await b.ask(['reload']);
    const before = (await fleetOf(b)).lastId;
    await a.ask(['set', 't', 'banip', '192.0.2.51']);
    await waitFor(async () => (await fleetOf(b)).lastId !== before, 5000, 'b reading the next entry');
    await new Promise((r) => setTimeout(r, 200));
    expect(count(tb, 'ban 192.0.2.51 0')).toBe(0);
    // Nor does it publish: a ban on b stays on b.
    await b.ask(['set', 't', 'banip', '192.0.2.52']);
    await new Promise((r) => setTimeout(r, 500));
    expect(count(ta, 'ban 192.0.2.52 0')).toBe(0);
    expect((await fleetOf(b)).published).toBe(0);
  });
});
