/** @module bench/metrics-overhead: a jail's per-line path (filter → jail) with metrics on against off, on the same sshd log, in one run. */
/*
 * Runs the BUILT jail runtime (`../dist/jail-runtime.js`) in this process on the bundled sshd filter, like
 * f2b-regex does, but through the server's own line path (JailRuntime.processLines) so the counters, the
 * sampled parse-time histogram and the clock reads around failures are all in the measured loop.
 * "off" is a jail without instruments (no `metrics =` in fail2ban.local); "on" has them ("off again"
 * is a second "off", to show the machine's own noise); all keep
 * the status page's activity log, as the server always does. Each round runs both, in alternating
 * order, timed in CPU time of this process. The ratio is lines/s on ÷ lines/s off of each side's
 * fastest round, as the other benches keep theirs (target >= 0.97); the median of the per-round
 * ratios is printed beside it.
 *
 * Usage: node bench/metrics-overhead.mjs   (F2B_BENCH_LINES, default 100,000; F2B_BENCH_ROUNDS, default 21)
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { rate, report } from '@f2b/bench';
import { readConfig } from '@f2b/config-reader';
import { openDatabase } from '@f2b/database';
import pino from 'pino';
import { JailRuntime } from '../dist/jail-runtime.js';
import { ServerMetrics } from '../dist/metrics.js';
import { ActivityLog } from '../dist/_activity.js';

const LINES = Number(process.env.F2B_BENCH_LINES ?? 100_000);
const ROUNDS = Number(process.env.F2B_BENCH_ROUNDS ?? 21);
/** Lines per batch, as the file backends deliver them. */
const BATCH = 512;
const here = dirname(fileURLToPath(import.meta.url));

/** sshd traffic of a busy host: mostly noise and successful logins, a third failures from a few hundred addresses. */
function sshdLines(count, endEpoch) {
  let seed = 18;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const names = ['root', 'admin', 'ubuntu', 'test', 'postgres', 'git', 'deploy', 'oracle'];
  const lines = [];
  for (let i = 0; i < count; i++) {
    const d = new Date((endEpoch - (count - i) * 0.01) * 1000);
    const stamp = `${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${d.toTimeString().slice(0, 8)}`;
    const ip = `198.51.${next(4)}.${1 + next(200)}`;
    const user = names[next(names.length)];
    const port = 30000 + next(30000);
    const kind = next(100);
    let message;
    if (kind < 20) message = `Failed password for ${user} from ${ip} port ${port} ssh2`;
    else if (kind < 30) message = `Invalid user ${user} from ${ip} port ${port}`;
    else if (kind < 35) message = `Failed password for invalid user ${user} from ${ip} port ${port} ssh2`;
    else if (kind < 50) message = `Accepted publickey for ${user} from 192.0.2.${1 + next(20)} port ${port} ssh2: ED25519 SHA256:abcdef`;
    else if (kind < 70) message = `pam_unix(sshd:session): session opened for user ${user}(uid=1000) by (uid=0)`;
    else if (kind < 85) message = `Disconnected from authenticating user ${user} ${ip} port ${port} [preauth]`;
    else message = `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`;
    lines.push({ line: `${stamp} host sshd[${1000 + next(60000)}]: ${message}`, path: '/var/log/auth.log' });
  }
  return lines;
}

function writeConfig(dir) {
  cpSync(join(here, '..', '..', '..', 'packages', 'config'), join(dir, 'conf'), { recursive: true, filter: (src) => !src.includes('node_modules') });
  writeFileSync(join(dir, 'conf', 'fail2ban.local'), `[Definition]\ndbfile = None\nsocket = ${join(dir, 'f2b.sock')}\n`);
  // No bans: every failure takes the jail's path (counting), none the actions'.
  writeFileSync(
    join(dir, 'conf', 'jail.local'),
    `[DEFAULT]\nenabled = false\n\n[bench]\nenabled = true\nfilter = sshd\nlogpath = ${join(dir, 'auth.log')}\nbackend = polling\nmaxretry = 100000000\nfindtime = 1d\nignoreself = false\nignoreip =\naction =\n`,
  );
  writeFileSync(join(dir, 'auth.log'), '');
}

async function makeRuntime(spec, instruments, now) {
  const log = pino({ level: 'warn', customLevels: { notice: 35 } }, pino.destination('/dev/null'));
  const db = openDatabase({ file: null });
  return JailRuntime.create(spec, { db, log, now: () => now, activity: new ActivityLog(), instruments });
}

/**
 * This process's CPU time for one pass, in ms: on a machine shared with other work, wall time
 * mostly measures the neighbours (an A/A run of "off" against "off" varied by ±10%).
 */
async function timeRound(runtime, batches) {
  const start = process.cpuUsage();
  for (const batch of batches) await runtime.processLines(batch, performance.now());
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const dir = mkdtempSync(join(tmpdir(), 'f2b-bench-metrics-18-'));
try {
  writeConfig(dir);
  const config = readConfig(join(dir, 'conf'));
  const spec = config.jails.find((j) => j.name === 'bench');
  if (!spec) throw new Error(`no bench jail: ${config.errors.map((e) => e.message).join('; ')}`);
  const now = Date.now() / 1000;
  const lines = sshdLines(LINES, now);
  const batches = [];
  for (let i = 0; i < lines.length; i += BATCH) batches.push(lines.slice(i, i + BATCH));
  const metrics = new ServerMetrics({ jails: new Map(), log: { logger: console } });
  const instruments = metrics.instrumentsFor('bench');
  // `off2` is a second jail without metrics: off against off2 shows what the machine's noise alone gives.
  const sides = ['off', 'on', 'off2'];
  const best = { off: Infinity, on: Infinity, off2: Infinity };
  const ratios = [];
  // Fresh jails each round (failure counts would grow), built before the clock starts; round 0 warms up.
  for (let round = 0; round <= ROUNDS; round++) {
    const times = {};
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(round + k) % sides.length];
      const runtime = await makeRuntime(spec, side === 'on' ? instruments : null, now);
      times[side] = await timeRound(runtime, batches);
    }
    if (round === 0) continue;
    for (const side of sides) best[side] = Math.min(best[side], times[side]);
    ratios.push(times.off / times.on);
  }
  ratios.sort((a, b) => a - b);
  const c = instruments.counters;
  const perRound = (n) => Math.round(n / (ROUNDS + 1));
  const scrapeStart = performance.now();
  const text = await metrics.registry.metrics();
  const scrapeMs = performance.now() - scrapeStart;
  const ratio = best.off / best.on;
  const median = ratios[Math.floor(ratios.length / 2)];
  report('metrics on vs off (server line path, bundled sshd filter, same lines)', {
    'log lines': LINES.toLocaleString('en-US'),
    'rounds per side': String(ROUNDS),
    'metrics off': `best ${best.off.toFixed(0)} ms CPU, ${rate(LINES, best.off)}`,
    'metrics on': `best ${best.on.toFixed(0)} ms CPU, ${rate(LINES, best.on)}`,
    'metrics off again': `best ${best.off2.toFixed(0)} ms CPU, ${rate(LINES, best.off2)}: lines/s off again ÷ off ${(best.off / best.off2).toFixed(3)} (the noise alone)`,
    'counted per round': `read ${perRound(c.linesRead)}, matched ${perRound(c.linesMatched)}, missed ${perRound(c.linesMissed)}, failures ${perRound(c.failuresFound)}`,
    'one scrape': `${scrapeMs.toFixed(1)} ms, ${text.length.toLocaleString('en-US')} bytes (not on the line path)`,
    'ratio per round': `median ${median.toFixed(3)}, ${ratios[0].toFixed(3)} .. ${ratios[ratios.length - 1].toFixed(3)}`,
    'throughput ratio': `${ratio.toFixed(3)} on/off, fastest rounds (target >= 0.97)`,
  });
  if (perRound(c.linesRead) !== LINES) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
