/** @module bench/flood: f2b-server against fail2ban-server flooded by distinct addresses failing once each: time to count them all, RSS per address. */
/*
 * Each server runs as its own process (the built f2b-server; Debian's fail2ban-server) in the foreground on a temp
 * config tree with its own filters (f2b: the bundled tree; Fail2Ban: /etc/fail2ban/filter.d), one `sshd` jail,
 * backend = auto, maxretry high (nothing is banned), no actions, a temp socket, pid file and database. Once the server
 * answers and its jail runs, the whole flood (N sshd "Failed password" lines of ~100 characters, each from a
 * different address, stamped now) is appended to the followed log in one write; the clock runs until `status sshd`
 * reports N failures. RSS (VmRSS) is read before the flood, right after counting, and 10 s later with the server
 * idle (what each server gives back by itself; nothing is forced from outside). Before "RSS before", each server gets
 * a warm-up of F2B_FLOOD_WARMUP (default 100) other addresses and has counted them: what the first lines cost once
 * (regexes compiled on first use, code generated for the hot path) is not a cost per address. F2B_FLOOD_WARMUP=0
 * measures from cold.
 *
 * Usage: node bench/flood.mjs [N] [--only f2b|fail2ban]   (N defaults to 100000)
 * Env: F2B_FLOOD_NODE_FLAGS adds node flags to the f2b-server process; F2B_FLOOD_VERBOSE shows its output;
 * F2B_HEAP_SNAPSHOT_DIR makes it write a heap snapshot before the flood and after settling (see _gc-on-signal.mjs,
 * heap-summary.mjs).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { report } from '@f2b/bench';
import { sendCommand } from '@f2b/transmitter';

const benchDir = dirname(fileURLToPath(import.meta.url));
const SERVER_JS = join(benchDir, '..', 'dist', 'f2b-server.js');
const BUNDLED_FILTERS = join(benchDir, '..', '..', '..', 'packages', 'config', 'filter.d');
const FAIL2BAN_FILTERS = '/etc/fail2ban/filter.d';

const argv = process.argv.slice(2);
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv[onlyAt + 1] : null;
const N = Number(argv.find((a, i) => /^\d+$/.test(a) && argv[i - 1] !== '--only') ?? 100_000);
const WARMUP = Number(process.env.F2B_FLOOD_WARMUP ?? 100);
if (!Number.isInteger(WARMUP) || WARMUP < 0 || !Number.isInteger(N) || N < 1) {
  console.error(`flood: N must be a positive integer and F2B_FLOOD_WARMUP a whole number (got ${N}, ${process.env.F2B_FLOOD_WARMUP})`);
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** N distinct public-looking IPv4 addresses in a scattered order (an odd multiplier permutes 32-bit numbers). */
function addresses(count) {
  const out = [];
  for (let i = 1; out.length < count; i++) {
    const n = Math.imul(i, 2654435761) >>> 0;
    const a = n >>> 24;
    if (a === 0 || a === 10 || a === 127 || a >= 224) continue;
    out.push(`${a}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`);
  }
  return out;
}

// Half the tries are on root, the rest on common invalid names (as brute-force traffic).
const USERS = ['root', 'admin', 'root', 'test', 'root', 'oracle', 'root', 'ubuntu', 'root', 'user', 'root', 'pi'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The flood: one sshd "Failed password" line per address, stamped `when` (local time, syslog format), ~100 characters each. */
export function floodText(ips, when = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  const stamp = `${MONTHS[when.getMonth()]} ${String(when.getDate()).padStart(2, ' ')} ${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}`;
  let text = '';
  ips.forEach((ip, i) => {
    const user = USERS[i % USERS.length];
    const who = user === 'root' ? 'root' : `invalid user ${user}`;
    text += `${stamp} srv01 sshd[${1000 + (i % 9000)}]: Failed password for ${who} from ${ip} port ${1024 + ((i * 7919) % 64_000)} ssh2\n`;
  });
  return text;
}

function jailConf(logpath) {
  return `[DEFAULT]\nignoreself = false\nignoreip =\n\n[sshd]\nenabled = true\nfilter = sshd\nlogpath = ${logpath}\nbackend = auto\nmaxretry = 10000000\nfindtime = 3600\nbantime = 600\naction =\n`;
}

/** A temp config tree: fail2ban.conf, jail.conf, the product's own filter.d; an empty log to follow. */
function makeTree(prefix, filters) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const conf = join(dir, 'conf');
  mkdirSync(join(dir, 'run'));
  cpSync(filters, join(conf, 'filter.d'), { recursive: true });
  const paths = { dir, conf, socket: join(dir, 'run', 'server.sock'), pidfile: join(dir, 'run', 'server.pid'), log: join(dir, 'auth.log') };
  writeFileSync(
    join(conf, 'fail2ban.conf'),
    `[Definition]\nloglevel = INFO\nlogtarget = ${join(dir, 'server.log')}\nsocket = ${paths.socket}\npidfile = ${paths.pidfile}\ndbfile = ${join(dir, 'server.sqlite3')}\ndbpurgeage = 1d\n`,
  );
  writeFileSync(join(conf, 'jail.conf'), jailConf(paths.log));
  writeFileSync(paths.log, '');
  return paths;
}

/** Resident set size of `pid` in bytes (VmRSS). */
function rssOf(pid) {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

function watchExit(child, name) {
  let stderr = '';
  child.stderr?.on('data', (c) => (stderr += c));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { exited, fail: () => new Error(`${name} exited early: ${stderr}`), isGone: () => child.exitCode !== null || child.signalCode !== null };
}

async function stopChild(child, exited) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(r, 15_000, false).unref())]);
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function f2bStatus(socket) {
  const reply = await sendCommand(socket, ['status', 'sshd'], { timeoutMs: 30_000 });
  if (!reply.ok) throw new Error(`status sshd: ${reply.error.message}`);
  return reply.result.filter.totalFailed;
}

/** How long after counting the settled RSS is read: f2b gives back its young generation ~7 s after a burst (see _idle-gc). */
const SETTLE_MS = 10_000;

/** f2b-server: time to count the flood, RSS before / right after / settled. */
async function floodF2b(warmup, text) {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`pnpm build\` first`);
  const t = makeTree('f2b-flood-19-', BUNDLED_FILTERS);
  // F2B_FLOOD_NODE_FLAGS: extra flags for the server process (`--cpu-prof --cpu-prof-dir=…`, V8 heap options).
  const extra = (process.env.F2B_FLOOD_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const snapshots = process.env.F2B_HEAP_SNAPSHOT_DIR ? ['--expose-gc', '--import', join(benchDir, '_gc-on-signal.mjs')] : [];
  const child = spawn(process.execPath, [...extra, ...snapshots, SERVER_JS, '-f', '-c', t.conf], {
    stdio: process.env.F2B_FLOOD_VERBOSE ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'ignore', 'pipe'],
  });
  const watch = watchExit(child, 'f2b-server');
  try {
    for (;;) {
      if (watch.isGone()) throw watch.fail();
      try {
        await f2bStatus(t.socket);
        break;
      } catch {
        await sleep(50);
      }
    }
    if (WARMUP > 0) {
      appendFileSync(t.log, warmup);
      while ((await f2bStatus(t.socket)) < WARMUP) await sleep(20);
    }
    await sleep(1000);
    if (snapshots.length) await snapshot(child.pid);
    const before = rssOf(child.pid);
    const start = performance.now();
    appendFileSync(t.log, text);
    let counted = 0;
    while ((counted = (await f2bStatus(t.socket)) - WARMUP) < N) await sleep(20);
    const ms = performance.now() - start;
    const after = rssOf(child.pid);
    await sleep(SETTLE_MS);
    const settled = rssOf(child.pid);
    if (snapshots.length) await snapshot(child.pid);
    return { ms, before, after, settled, counted };
  } finally {
    await stopChild(child, watch.exited);
    rmSync(t.dir, { recursive: true, force: true });
  }
}

/** Asks the server for a full GC and a heap snapshot (F2B_HEAP_SNAPSHOT_DIR; summarise with heap-summary.mjs). */
async function snapshot(pid) {
  process.kill(pid, 'SIGUSR2');
  await sleep(3000);
}

// Fail2Ban's own client socket class, so polling costs no client start-up per query.
const FAIL2BAN_POLLER = `
import sys, time
from fail2ban.client.csocket import CSocket
sock, jail, warm, want = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def total():
    s = CSocket(sock)
    try:
        code, res = s.send(['status', jail])
    finally:
        s.close()
    return dict(dict(res)['Filter'])['Total failed']
while True:
    try:
        total(); break
    except Exception:
        time.sleep(0.05)
print('ready', flush=True)
sys.stdin.readline()
while total() < warm:
    time.sleep(0.05)
print('warm', flush=True)
sys.stdin.readline()
while True:
    n = total()
    if n >= want: break
    time.sleep(0.05)
print('done', n - warm, flush=True)
`;

/** fail2ban-server: the same measure (Python frees by reference counting as it goes). */
async function floodFail2ban(warmup, text) {
  const t = makeTree('f2b-flood-19-fail2ban-', FAIL2BAN_FILTERS);
  const child = spawn('fail2ban-server', ['-f', '-x', '-c', t.conf, '-s', t.socket, '-p', t.pidfile], { stdio: ['ignore', 'ignore', 'pipe'] });
  const watch = watchExit(child, 'fail2ban-server');
  const poller = spawn('/usr/bin/python3', ['-c', FAIL2BAN_POLLER, t.socket, 'sshd', String(WARMUP), String(WARMUP + N)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = lineReader(poller.stdout);
  try {
    const ready = await Promise.race([lines.next(), watch.exited.then(() => null)]);
    if (ready !== 'ready') throw watch.fail();
    if (WARMUP > 0) appendFileSync(t.log, warmup);
    poller.stdin.write('warm\n');
    if ((await Promise.race([lines.next(), watch.exited.then(() => null)])) !== 'warm') throw watch.fail();
    await sleep(1000);
    const before = rssOf(child.pid);
    const start = performance.now();
    appendFileSync(t.log, text);
    poller.stdin.write('go\n');
    const done = await lines.next();
    const ms = performance.now() - start;
    const after = rssOf(child.pid);
    await sleep(SETTLE_MS);
    const settled = rssOf(child.pid);
    return { ms, before, after, settled, counted: Number(done.split(' ')[1]) };
  } finally {
    poller.kill('SIGTERM');
    await stopChild(child, watch.exited);
    rmSync(t.dir, { recursive: true, force: true });
  }
}

function lineReader(stream) {
  let buffered = '';
  const waiting = [];
  const ready = [];
  stream.on('data', (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const w = waiting.shift();
      if (w) w(line);
      else ready.push(line);
    }
  });
  return { next: () => (ready.length ? Promise.resolve(ready.shift()) : new Promise((r) => waiting.push(r))) };
}

const perAddress = (r, key) => `${Math.round((r[key] - r.before) / N).toLocaleString('en-US')} B`;
const rows = (r) => ({
  'time to count all': `${(r.ms / 1000).toFixed(2)} s`,
  'counted': r.counted.toLocaleString('en-US'),
  'RSS before': `${(r.before / 2 ** 20).toFixed(1)} MiB`,
  'RSS growth / address, right after': perAddress(r, 'after'),
  [`RSS growth / address, ${SETTLE_MS / 1000} s later`]: perAddress(r, 'settled'),
});

// Warm-up and flood addresses are all distinct.
const all = addresses(WARMUP + N);
const warmup = floodText(all.slice(0, WARMUP));
const text = floodText(all.slice(WARMUP));
const lineLength = Math.round(text.length / N) - 1;
const f2b = only === 'fail2ban' ? null : await floodF2b(warmup, text);
if (f2b) report(`f2b-server: ${N.toLocaleString('en-US')} distinct addresses failing once (sshd, ~${lineLength}-char lines, backend = auto, ${WARMUP} warm-up addresses first)`, rows(f2b));
const f2ban = only === 'f2b' ? null : await floodFail2ban(warmup, text);
if (f2ban) report(`fail2ban-server (Debian): the same flood`, rows(f2ban));
if (f2b && f2ban) {
  report('f2b-server against fail2ban-server', {
    'time: fail2ban / f2b': `${(f2ban.ms / f2b.ms).toFixed(1)}x`,
    'RSS / address: fail2ban / f2b, right after': `${((f2ban.after - f2ban.before) / (f2b.after - f2b.before)).toFixed(1)}x`,
    [`RSS / address: fail2ban / f2b, ${SETTLE_MS / 1000} s later`]: `${((f2ban.settled - f2ban.before) / (f2b.settled - f2b.before)).toFixed(1)}x`,
  });
}
