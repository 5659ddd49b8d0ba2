/** @module bench/fleet: whole servers sharing bans through a real redis-server — propagation latency and bans/s. */
/*
 * Runs two BUILT servers in this process (`../dist/server.js`), each with its own config tree and SQLite
 * database, one jail, and a JavaScript action that stamps the moment its ban() is called.
 * - Latency: `set bench banip IP` on A, one at a time; A's own action is the baseline (the local ban), B's
 *   action the ban after its trip through Redis.
 * - Throughput: a fleet link publishes N bans; B applies them (database, jail, action). Baseline: the same
 *   number of bans made locally on B with one `set bench banip IP…` command.
 *
 * Usage: node bench/fleet.mjs [LATENCY_SAMPLES] [BANS]   (default 300 and 5,000)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile, rate, report, startBenchRedis } from '@f2b/bench';
import { createFleetLink, createMemoryFleetStore, parseFleetSettings } from '@f2b/fleet';
import { sendCommand } from '@f2b/transmitter';
import { F2bServer } from '../dist/server.js';

const SAMPLES = Number(process.argv[2] ?? 300);
const BANS = Number(process.argv[3] ?? 5_000);
const STREAM = 'bench-bans';

/** `server name` → ip → time its action's ban() ran. */
const stamps = { a: new Map(), b: new Map() };
const waiters = new Map();
globalThis.__f2bFleetBench = (server, ip) => {
  stamps[server].set(ip, performance.now());
  waiters.get(`${server} ${ip}`)?.();
};

const action = (server) => `export default class Stamp {
  start() {}
  stop() {}
  ban(info) { globalThis.__f2bFleetBench?.('${server}', info.ip); }
  unban() {}
}
`;

function writeTree(dir, server, url) {
  const conf = join(dir, 'conf');
  mkdirSync(join(conf, 'filter.d'), { recursive: true });
  mkdirSync(join(conf, 'action.d'), { recursive: true });
  writeFileSync(join(conf, 'fail2ban.conf'), `[Definition]\nloglevel = WARNING\nlogtarget = ${join(dir, 'server.log')}\nsocket = ${join(dir, 'run', 'f2b.sock')}\npidfile = ${join(dir, 'run', 'f2b.pid')}\ndbfile = ${join(dir, 'db', 'f2b.sqlite3')}\n`);
  writeFileSync(join(conf, 'fail2ban.local'), `[Fleet]\nurl = ${url}\nstream = ${STREAM}\norigin = ${server}\n`);
  writeFileSync(join(conf, 'filter.d', 'bench.conf'), '[Definition]\nfailregex = ^login failed from <HOST>$\ndatepattern = {NONE}\n');
  writeFileSync(join(conf, 'action.d', 'stamp.mjs'), action(server));
  writeFileSync(join(conf, 'jail.conf'), `[DEFAULT]\nignoreself = false\nignoreip =\n\n[bench]\nenabled = true\nfilter = bench\nlogpath = ${join(dir, 'auth.log')}\nmaxretry = 1\nbantime = 3600\naction = stamp.mjs\n`);
  writeFileSync(join(dir, 'auth.log'), '');
  return conf;
}

const ipOf = (prefix, i) => `${prefix}.${(i >> 8) & 255}.${i & 255}`;
const until = (key) => new Promise((resolve) => waiters.set(key, resolve));
const ms = (v) => `${v.toFixed(2)} ms`;

const redis = await startBenchRedis();
const dirs = [mkdtempSync(join(tmpdir(), 'f2b-fleet-a-')), mkdtempSync(join(tmpdir(), 'f2b-fleet-b-'))];
const [a, b] = dirs.map((dir, i) => new F2bServer({ confDir: writeTree(dir, i === 0 ? 'a' : 'b', redis.url) }));
let generator = null;
try {
  await a.start();
  await b.start();
  while (!a.fleet.status().connected || !b.fleet.status().connected) await new Promise((r) => setTimeout(r, 10));

  const local = [];
  const shared = [];
  for (let i = 0; i < SAMPLES; i++) {
    const ip = ipOf('10.1', i);
    const onB = until(`b ${ip}`);
    const t0 = performance.now();
    await sendCommand(a.socketPath, ['set', 'bench', 'banip', ip]);
    await onB;
    local.push(stamps.a.get(ip) - t0);
    shared.push(stamps.b.get(ip) - t0);
  }

  // Throughput: a bare link publishes; B applies.
  const { settings } = parseFleetSettings({ url: redis.url, stream: STREAM, origin: 'generator' }, 'bench');
  generator = createFleetLink({ settings, store: createMemoryFleetStore(), log: { debug() {}, info() {}, warn: console.error }, apply: async () => {} });
  generator.start();
  while (!generator.status().connected) await new Promise((r) => setTimeout(r, 10));
  const lastShared = ipOf('10.2', BANS - 1);
  const sharedDone = until(`b ${lastShared}`);
  const t0 = performance.now();
  const now = Date.now() / 1000;
  for (let i = 0; i < BANS; i++) generator.publish({ kind: 'ban', jail: 'bench', ip: ipOf('10.2', i), time: now, bantime: 3600, bancount: 1 });
  await sharedDone;
  const sharedMs = performance.now() - t0;

  const localIps = Array.from({ length: BANS }, (_, i) => ipOf('10.3', i));
  const t1 = performance.now();
  await sendCommand(b.socketPath, ['set', 'bench', 'banip', ...localIps], { timeoutMs: 600_000 });
  const localMs = performance.now() - t1;

  report(`propagation: \`set bench banip\` on A, one ban at a time (${SAMPLES} samples, SQLite, JS action)`, {
    "A's own action p50 (baseline)": ms(percentile(local, 50)),
    "A's own action p99": ms(percentile(local, 99)),
    "B's action p50": ms(percentile(shared, 50)),
    "B's action p99": ms(percentile(shared, 99)),
    'B / A (p50)': `${(percentile(shared, 50) / percentile(local, 50)).toFixed(2)}x`,
  });
  report(`throughput: ${BANS.toLocaleString('en-US')} bans`, {
    'published by a link, applied by B': rate(BANS, sharedMs),
    'banned locally on B (one banip command)': rate(BANS, localMs),
    'fleet / local': `${(localMs / sharedMs).toFixed(2)}x`,
  });
} finally {
  await generator?.stop();
  await a.stop();
  await b.stop();
  await redis.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
