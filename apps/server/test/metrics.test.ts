/** @module metrics.test: a real f2b-server's /metrics while a jail bans — counters move, the text passes promtool, bad requests are refused. */
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { addScrapedGauge } from '@f2b/metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { F2bServer } from '../src/server.js';
import { CLIENT_JS, killAllServers, makeServerTree, runCli, startServer, waitFor, type ServerTree } from './_harness.js';
import { metricsBaseUrl, readLog, requestWithHugeHeader, sampleValue, scrape } from './_metrics-harness.js';

let tree: ServerTree | null = null;
afterEach(async () => {
  await killAllServers();
  tree?.remove();
  tree = null;
});

const ATTACKER = '192.0.2.7';
const PROMTOOL = '/usr/bin/promtool';

/** promtool's lint findings we accept: a name the Fail2Ban exporter's dashboards need, and prom-client's own process gauges. */
const ACCEPTED_LINT = [/^f2b_jail_count non-histogram and non-summary metrics should not have "_count" suffix$/, /^nodejs_active_\w+_total non-counter metrics should not have "_total" suffix$/];

/** Runs `promtool check metrics`: exit 1 means the text does not parse; exit 3 lists lint findings. */
function promtool(text: string): { status: number | null; problems: string[] } {
  const run = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (run.error) throw new Error(`${PROMTOOL}: ${run.error.message} (install Debian's prometheus package)`);
  const problems = `${run.stdout}${run.stderr}`.split('\n').filter(Boolean);
  return { status: run.status, problems };
}

function treeWithMetrics(extraDefinition = ''): ServerTree {
  return makeServerTree({
    maxretry: 2,
    // A second action fails every ban with exit code 3: its failures are counted by exit code.
    action: 'record\n         failing',
    files: {
      'conf/fail2ban.local': `[Definition]\nmetrics = 127.0.0.1:0\n${extraDefinition}`,
      'conf/action.d/failing.conf': '[Definition]\nactionban = exit 3\nactionunban = true\n',
    },
  });
}

describe('metrics endpoint of a running server', () => {
  it('counts lines, failures, bans, unbans and action exit codes as a jail bans; the text passes promtool', async () => {
    const t = (tree = treeWithMetrics());
    const server = await startServer(t);
    const base = await metricsBaseUrl(t);
    const metrics = async () => {
      const r = await scrape(`${base}metrics`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return r.text;
    };
    const jail = { jail: 't' };

    let text = await metrics();
    expect(sampleValue(text, 'f2b_up')).toBe(1);
    expect(sampleValue(text, 'f2b_jail_count')).toBe(1);
    expect(sampleValue(text, 'f2b_jail_banned_current', jail)).toBe(0);
    expect(sampleValue(text, 'f2b_config_jail_max_retries', jail)).toBe(2);
    expect(sampleValue(text, 'f2b_config_jail_ban_time', jail)).toBe(3600);
    expect(sampleValue(text, 'f2b_config_jail_find_time', jail)).toBe(600);
    expect(sampleValue(text, 'f2b_action_runs_total', { jail: 't', action: 'record', operation: 'start' })).toBe(1);
    expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE f2b_jail_banned_total counter');
    expect(text).toContain('# TYPE f2b_jail_failed_total counter');

    // One failure and one line no regex matches.
    t.fail(ATTACKER);
    writeFileSync(t.authLog, 'a line nobody matches\n', { flag: 'a' });
    await waitFor(async () => sampleValue(await metrics(), 'f2b_log_lines_read_total', { jail: 't', backend: 'polling' }) === 2, 10_000, 'two lines read');
    await waitFor(async () => sampleValue(await metrics(), 'f2b_jail_failed_total', jail) === 1, 10_000, 'the failure counted by the jail');
    text = await metrics();
    expect(sampleValue(text, 'f2b_log_lines_matched_total', jail)).toBe(1);
    expect(sampleValue(text, 'f2b_log_lines_missed_total', jail)).toBe(1);
    expect(sampleValue(text, 'f2b_failures_found_total', jail)).toBe(1);
    expect(sampleValue(text, 'f2b_jail_failed_current', jail)).toBe(1);
    expect(sampleValue(text, 'f2b_jail_failed_total', jail)).toBe(1);
    expect(sampleValue(text, 'f2b_bans_total', jail)).toBe(0);

    // The second failure bans.
    t.fail(ATTACKER);
    await waitFor(async () => sampleValue(await metrics(), 'f2b_jail_banned_current', jail) === 1, 10_000, 'the ban in the metrics');
    await waitFor(async () => sampleValue(await metrics(), 'f2b_action_queue_depth', jail) === 0, 10_000, 'the ban actions to finish');
    text = await metrics();
    expect(sampleValue(text, 'f2b_jail_banned_total', jail)).toBe(1);
    expect(sampleValue(text, 'f2b_bans_total', jail)).toBe(1);
    expect(sampleValue(text, 'f2b_failures_found_total', jail)).toBe(2);
    expect(sampleValue(text, 'f2b_log_lines_read_total', jail)).toBe(3);
    expect(sampleValue(text, 'f2b_action_runs_total', { jail: 't', action: 'record', operation: 'ban' })).toBe(1);
    expect(sampleValue(text, 'f2b_action_runs_total', { jail: 't', action: 'failing', operation: 'ban' })).toBe(1);
    expect(sampleValue(text, 'f2b_action_failures_total', { jail: 't', action: 'failing', operation: 'ban', exit_code: '3' })).toBe(1);
    expect(sampleValue(text, 'f2b_action_failures_total', { jail: 't', action: 'record', operation: 'ban' })).toBeUndefined();
    expect(sampleValue(text, 'f2b_ban_latency_seconds_count', jail)).toBe(1);
    expect(sampleValue(text, 'f2b_database_write_seconds_count', jail)).toBe(1);
    expect(sampleValue(text, 'f2b_parse_time_seconds_count', jail)).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'f2b_filter_seconds_total', jail)).toBeGreaterThan(0);
    expect(sampleValue(text, 'f2b_backend_lag_bytes', { jail: 't', log: t.authLog })).toBe(0);
    // No address is ever a label.
    expect(text).not.toContain(ATTACKER);

    await server.ask(['set', 't', 'unbanip', ATTACKER]);
    await waitFor(async () => sampleValue(await metrics(), 'f2b_unbans_total', jail) === 1, 10_000, 'the unban in the metrics');
    text = await metrics();
    expect(sampleValue(text, 'f2b_jail_banned_current', jail)).toBe(0);
    expect(sampleValue(text, 'f2b_jail_banned_total', jail)).toBe(1);

    const check = promtool(text);
    expect([0, 3]).toContain(check.status);
    expect(check.problems.filter((p) => !ACCEPTED_LINT.some((ok) => ok.test(p)))).toEqual([]);
    // The check can fail: a sample of a metric typed twice does not parse.
    expect(promtool(`${text}# TYPE f2b_up counter\nf2b_up 1\n`).status).toBe(1);
  });

  it('serves status.json with the same data as `f2b-client status --json`', async () => {
    const t = (tree = treeWithMetrics());
    const server = await startServer(t);
    const base = await metricsBaseUrl(t);
    t.fail(ATTACKER, 2);
    await waitFor(async () => ((await server.ask(['status', 't'])) as { actions: { currentlyBanned: number } }).actions.currentlyBanned === 1, 10_000, 'the ban');
    const viaHttp = JSON.parse((await scrape(`${base}status.json`)).text) as Record<string, unknown>;
    const cli = runCli(CLIENT_JS, ['-s', t.socket, '--json', 'status']);
    expect(cli.status).toBe(0);
    const viaCli = JSON.parse(cli.stdout) as Record<string, unknown>;
    const withoutClock = (s: Record<string, unknown>) => ({ ...s, server: { ...(s['server'] as object), now: 0 } });
    expect(withoutClock(viaHttp)).toEqual(withoutClock(viaCli));
    expect(viaCli).toMatchObject({
      jails: ['t'],
      bans: [{ jail: 't', ip: ATTACKER, banCount: 1 }],
      events: [{ jail: 't', kind: 'ban', ip: ATTACKER }],
      jailDetails: [{ jail: 't', backend: 'polling', currentlyBanned: 1, totalBanned: 1, totalFailed: 2, bantime: 3600, findtime: 600, maxretry: 2 }],
    });
    const perMinute = viaCli['failuresPerMinute'] as { counts: number[] };
    expect(perMinute.counts).toHaveLength(60);
    expect(perMinute.counts.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('answers bad requests with 404, 405, 431 and 403, and keeps serving', async () => {
    const t = (tree = treeWithMetrics());
    const server = await startServer(t);
    const base = await metricsBaseUrl(t);
    expect((await scrape(`${base}no/such/page`)).status).toBe(404);
    expect((await scrape(`${base}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${base}metrics`, { method: 'POST', body: 'x' })).status).toBe(405);
    expect(await requestWithHugeHeader(base, 64 * 1024)).toBe(431);
    // DNS rebinding: a page on another name pointed at 127.0.0.1 is refused.
    expect(await requestWithHostHeader(base, 'attacker.example')).toBe(403);
    expect((await scrape(`${base}metrics`)).status).toBe(200);
    expect(await server.ask(['ping'])).toBe('pong');
  });

  it('refuses a non-loopback address without a token, and a token file others can read: one log line each, the server runs on', async () => {
    const t = (tree = treeWithMetrics());
    writeFileSync(t.tree.path('conf/fail2ban.local'), '[Definition]\nmetrics = 0.0.0.0:0\n');
    let server = await startServer(t);
    // Kill only once actionstart's shell is done (it would write into the tree being removed).
    await waitFor(() => t.actions().includes('start t'), 5000, 'actionstart');
    expect(await server.ask(['ping'])).toBe('pong');
    await waitFor(() => readLog(t).includes('metrics endpoint not started'), 5000, 'the refusal');
    const line = readLog(t).split('\n').find((l) => l.includes('metrics endpoint not started'))!;
    expect(line).toContain('metrics = 0.0.0.0:0 is reachable from other machines: set metricstokenfile');
    await killAllServers();

    const tokenFile = t.tree.path('token');
    writeFileSync(tokenFile, 'an-unguessable-token-of-some-length\n');
    chmodSync(tokenFile, 0o644);
    writeFileSync(t.tree.path('conf/fail2ban.local'), `[Definition]\nmetrics = 127.0.0.1:0\nmetricstokenfile = ${tokenFile}\n`);
    writeFileSync(t.logfile, '');
    server = await startServer(t);
    await waitFor(() => t.actions().filter((a) => a === 'start t').length === 2, 5000, 'actionstart');
    await waitFor(() => readLog(t).includes('metrics endpoint not started'), 5000, 'the refusal');
    expect(readLog(t)).toContain(`metricstokenfile = ${tokenFile}: mode 644 lets others read it (chmod 600 ${tokenFile})`);
    expect(await server.ask(['ping'])).toBe('pong');
  });

  it('asks for the token from metricstokenfile (Bearer or Basic) when one is set', async () => {
    const t = (tree = treeWithMetrics());
    const tokenFile = t.tree.path('token');
    const token = 'an-unguessable-token-of-some-length';
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    writeFileSync(t.tree.path('conf/fail2ban.local'), `[Definition]\nmetrics = 127.0.0.1:0\nmetricstokenfile = ${tokenFile}\n`);
    await startServer(t);
    const base = await metricsBaseUrl(t);
    const denied = await scrape(`${base}metrics`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toMatch(/^Basic realm="f2b"/);
    expect((await scrape(`${base}metrics`, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await scrape(`${base}metrics`, { authorization: `Bearer ${token}` })).status).toBe(200);
    const basic = Buffer.from(`admin:${token}`).toString('base64');
    expect((await scrape(`${base}status.json`, { authorization: `Basic ${basic}` })).status).toBe(200);
  });
});

describe('metrics hook for other modules', () => {
  it('hands the registry to setups registered before and after start; scraped gauges show up', async () => {
    const t = (tree = treeWithMetrics());
    const server = new F2bServer({ confDir: t.conf, socket: t.socket, logtarget: t.logfile });
    let lag = 1.5;
    server.onMetrics((registry) => addScrapedGauge(registry, 'f2b_test_module_lag_seconds', 'Seconds behind (a module added later)', [], () => [[{}, lag]]));
    await server.start();
    try {
      server.onMetrics((registry) => addScrapedGauge(registry, 'f2b_late_gauge', 'Registered after start', [], () => [[{}, 7]]));
      const base = await metricsBaseUrl(t);
      let text = (await scrape(`${base}metrics`)).text;
      expect(sampleValue(text, 'f2b_test_module_lag_seconds')).toBe(1.5);
      expect(sampleValue(text, 'f2b_late_gauge')).toBe(7);
      lag = 0.25;
      text = (await scrape(`${base}metrics`)).text;
      expect(sampleValue(text, 'f2b_test_module_lag_seconds')).toBe(0.25);
    } finally {
      await server.stop();
    }
  });
});

function requestWithHostHeader(base: string, host: string): Promise<number> {
  return import('node:http').then(
    ({ request }) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(base);
        const req = request({ host: url.hostname, port: url.port, path: '/status.json', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      }),
  );
}
