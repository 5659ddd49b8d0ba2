/** @module bench/regex: f2b-regex vs Fail2Ban's fail2ban-regex on the same 200,000-line sshd log, in one run. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { report, rate } from '@f2b/bench';

const LINES = Number(process.env.F2B_BENCH_LINES ?? 200_000);
const here = dirname(fileURLToPath(import.meta.url));
const f2bRegex = join(here, '..', 'dist', 'f2b-regex.cjs');

/** A deterministic mix of sshd messages (failures, successes, noise), written for this bench. */
function generateSshdLog(count) {
  let seed = 20260101;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const users = ['root', 'admin', 'deploy', 'backup', 'git', 'www', 'pi', 'oracle'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const out = [];
  let t = Date.UTC(2005, 6, 1, 0, 0, 0) / 1000;
  for (let i = 0; i < count; i++) {
    t += rnd(3);
    const d = new Date(t * 1000);
    const stamp = `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
    const ip = `203.0.113.${1 + rnd(250)}`;
    const port = 1024 + rnd(60000);
    const user = users[rnd(users.length)];
    const k = rnd(100);
    let msg;
    if (k < 22) msg = `Failed password for ${user} from ${ip} port ${port} ssh2`;
    else if (k < 32) msg = `Failed password for invalid user ${user} from ${ip} port ${port} ssh2`;
    else if (k < 42) msg = `Invalid user ${user} from ${ip} port ${port}`;
    else if (k < 55) msg = `Accepted password for ${user} from ${ip} port ${port} ssh2`;
    else if (k < 70) msg = `pam_unix(sshd:session): session closed for user ${user}`;
    else if (k < 80) msg = `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`;
    else if (k < 90) msg = `Connection closed by invalid user ${user} ${ip} port ${port} [preauth]`;
    else msg = `Server listening on 0.0.0.0 port 22.`;
    out.push(`${stamp} bench sshd[${1000 + rnd(30000)}]: ${msg}`);
  }
  return `${out.join('\n')}\n`;
}

function parseLinesSummary(text) {
  const m = /Lines: (\d+) lines, (\d+) ignored, (\d+) matched, (\d+) missed/.exec(text);
  if (!m) throw new Error(`no "Lines:" summary in output:\n${text.slice(-2000)}`);
  return { lines: +m[1], ignored: +m[2], matched: +m[3], missed: +m[4] };
}

/** The "[processed in X sec" line both tools print: their own timing of the matching, without start-up. */
function parseProcessedSeconds(text) {
  const m = /\[processed in ([\d.]+) sec/.exec(text);
  return m ? Number(m[1]) : NaN;
}

/** Runs `command` once: its wall time and output. */
function timeRun(command, args, env) {
  const start = performance.now();
  const out = execFileSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26, env });
  return { ms: performance.now() - start, out };
}

/** Keeps the faster of two runs (the one least disturbed by the machine's other load). */
const faster = (a, b) => (b.ms < a.ms ? b : a);

const ROUNDS = Number(process.env.F2B_BENCH_ROUNDS ?? 5);
// Both tools run as a user runs them: their bins, in this process's environment. f2b-regex's bin
// starts Node without NODE_EXTRA_CA_CERTS (see scripts/f2b-regex-launcher.cjs); where that is set,
// one more row times `node dist/f2b-regex.cjs`, which keeps it, so its cost stays visible.
const viaNode = Boolean(process.env.NODE_EXTRA_CA_CERTS);

const dir = mkdtempSync(join(tmpdir(), 'f2b-bench-regex-'));
try {
  const log = join(dir, 'sshd.log');
  writeFileSync(log, generateSshdLog(LINES));
  const f2bArgs = [log, 'sshd', '-c', '/etc/fail2ban'];
  timeRun(f2bRegex, f2bArgs, process.env); // warm-up: page cache, code cache file
  const haveRef = existsSync('/usr/bin/fail2ban-regex');
  // Both tools run the same number of times, interleaved, so a machine that speeds up or slows
  // down during the bench affects both alike; each side keeps its fastest run.
  let f2b = { ms: Infinity, out: '' };
  let node = { ms: Infinity, out: '' };
  let ref = { ms: Infinity, out: '' };
  for (let r = 0; r < ROUNDS; r++) {
    f2b = faster(f2b, timeRun(f2bRegex, f2bArgs, process.env));
    if (viaNode) node = faster(node, timeRun(process.execPath, [f2bRegex, ...f2bArgs], process.env));
    if (haveRef) ref = faster(ref, timeRun('/usr/bin/fail2ban-regex', [log, '/etc/fail2ban/filter.d/sshd.conf'], process.env));
  }
  const ours = parseLinesSummary(f2b.out);
  const rows = { 'log lines': LINES.toLocaleString('en-US'), 'runs per tool': String(ROUNDS), 'f2b-regex': `${f2b.ms.toFixed(0)} ms, ${rate(LINES, f2b.ms)}` };
  if (!haveRef) {
    rows['fail2ban-regex'] = 'not installed: no baseline, no ratio';
    report('f2b-regex (sshd)', rows);
  } else {
    const theirs = parseLinesSummary(ref.out);
    rows['fail2ban-regex'] = `${ref.ms.toFixed(0)} ms, ${rate(LINES, ref.ms)}`;
    rows['f2b counts'] = JSON.stringify(ours);
    rows['fail2ban counts'] = JSON.stringify(theirs);
    rows['identical counts'] = String(JSON.stringify(ours) === JSON.stringify(theirs));
    rows['speed ratio'] = `${(ref.ms / f2b.ms).toFixed(1)}x whole process (target >= 20x)`;
    const ourSeconds = parseProcessedSeconds(f2b.out);
    const theirSeconds = parseProcessedSeconds(ref.out);
    rows['lines/s as printed'] = `f2b-regex ${rate(LINES, ourSeconds * 1000)}, fail2ban-regex ${rate(LINES, theirSeconds * 1000)}: ${(theirSeconds / ourSeconds).toFixed(1)}x (start-up left out by both)`;
    if (viaNode) {
      rows['node dist/f2b-regex.cjs'] = `${node.ms.toFixed(0)} ms: ${(ref.ms / node.ms).toFixed(1)}x (keeps NODE_EXTRA_CA_CERTS: Node parses that CA bundle first)`;
      if (JSON.stringify(parseLinesSummary(node.out)) !== JSON.stringify(ours)) process.exitCode = 1;
    }
    report('f2b-regex vs fail2ban-regex (sshd, same log)', rows);
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
