/** @module bench/latency: time from a failing line appended to a log until the ban action starts, `auto` against `polling`. */
/*
 * Runs the BUILT server in this process (`../dist/server.js`) on a temp config tree: one jail, maxretry = 1,
 * a JavaScript action that stamps the moment its ban() is called. Lines are appended one at a time, each
 * waiting for its ban, so every figure is one line's full trip (backend → filter → jail → database → action).
 *
 * Usage: node bench/latency.mjs [N]   (N bans for `auto`, default 200; polling runs min(N, 20), each after
 * a random pause of up to one poll interval: about 1 s each)
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile, report } from '@f2b/bench';
import { resolveBackendName } from '@f2b/filter-backends';
import { F2bServer } from '../dist/server.js';

const N = Number(process.argv[2] ?? 200);

/** The action's ban() calls this; the bench resolves the waiting line's promise. */
const waiting = new Map();
globalThis.__f2bLatencyBench = (ip) => {
  const entry = waiting.get(ip);
  if (entry) entry.actionAt = performance.now();
};

const STAMP_ACTION = `export default class Stamp {
  start() {}
  stop() {}
  ban(info) { globalThis.__f2bLatencyBench?.(info.ip); }
  unban() {}
}
`;

function writeTree(dir, backend) {
  mkdirSync(join(dir, 'conf', 'filter.d'), { recursive: true });
  mkdirSync(join(dir, 'conf', 'action.d'), { recursive: true });
  writeFileSync(join(dir, 'conf', 'fail2ban.conf'), `[Definition]\nloglevel = WARNING\nlogtarget = ${join(dir, 'server.log')}\nsocket = ${join(dir, 'run', 'f2b.sock')}\npidfile = ${join(dir, 'run', 'f2b.pid')}\ndbfile = ${join(dir, 'db', 'f2b.sqlite3')}\n`);
  writeFileSync(join(dir, 'conf', 'filter.d', 'bench.conf'), '[Definition]\nfailregex = ^login failed for \\S+ from <HOST>$\ndatepattern = {NONE}\n');
  writeFileSync(join(dir, 'conf', 'action.d', 'stamp.mjs'), STAMP_ACTION);
  writeFileSync(
    join(dir, 'conf', 'jail.conf'),
    `[DEFAULT]\nignoreself = false\nignoreip =\n\n[bench]\nenabled = true\nfilter = bench\nlogpath = ${join(dir, 'auth.log')}\nbackend = ${backend}\nmaxretry = 1\nbantime = 3600\naction = stamp.mjs\n`,
  );
  writeFileSync(join(dir, 'auth.log'), '');
}

/** Appends `count` failing lines one after the other; returns per-ban latencies (action started, all done) in ms. */
async function measure(backend, count, phaseMs = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'f2b-latency-'));
  writeTree(dir, backend);
  const log = join(dir, 'auth.log');
  const server = new F2bServer({
    confDir: join(dir, 'conf'),
    onBan: (_jail, ticket) => waiting.get(ticket.ip)?.done(),
  });
  await server.start();
  const started = [];
  const finished = [];
  try {
    for (let i = 0; i < count; i++) {
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}`;
      // A random pause puts each line at a random point of the poll cycle (otherwise every line lands right after a poll).
      if (phaseMs > 0) await new Promise((r) => setTimeout(r, Math.random() * phaseMs));
      const entry = { actionAt: 0 };
      const banned = new Promise((resolve) => (entry.done = resolve));
      waiting.set(ip, entry);
      const t0 = performance.now();
      appendFileSync(log, `login failed for root from ${ip}\n`);
      await banned;
      const t1 = performance.now();
      started.push(entry.actionAt - t0);
      finished.push(t1 - t0);
      waiting.delete(ip);
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { started, finished };
}

const ms = (v) => `${v.toFixed(2)} ms`;
const rows = (r) => ({
  'action started p50': ms(percentile(r.started, 50)),
  'action started p99': ms(percentile(r.started, 99)),
  'ban done p50': ms(percentile(r.finished, 50)),
  'ban done p99': ms(percentile(r.finished, 99)),
});

const autoName = resolveBackendName('auto');
const auto = await measure('auto', N);
const pollingN = Math.min(N, 20);
const polling = await measure('polling', pollingN, 1000);

report(`backend = auto (${autoName}), ${N} bans, one line each, maxretry = 1`, rows(auto));
report(`backend = polling (1 s interval), ${pollingN} bans at random points of the poll cycle`, rows(polling));
report('auto against polling (p50 of action started)', {
  'polling / auto': `${(percentile(polling.started, 50) / percentile(auto.started, 50)).toFixed(1)}x`,
});
