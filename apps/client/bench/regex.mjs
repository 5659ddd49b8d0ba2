/**
 * @module bench/regex: f2b-regex against Fail2Ban's fail2ban-regex (and, on sshd, SSHGuard's
 * compiled parser sshg-parser) on generated logs shaped like a public server's (bench/corpus.mjs).
 *
 * Whole processes through their bins, as users run them, interleaved round by round (a machine that
 * speeds up or slows down affects all alike), median per tool. fail2ban-regex takes 6-17 s per run on
 * the 200,000-line sshd log, so it runs fewer rounds than the others (F2B_BENCH_REF_ROUNDS, default
 * 3; f2b-regex and sshg-parser F2B_BENCH_ROUNDS, default 7). The "Lines:" counts of f2b-regex must
 * equal fail2ban-regex's on every case (exit status 1 otherwise); sshg-parser reports attacks by its
 * own rules, so only its count of attack lines is printed.
 * sshd-rfc3339 is the sshd log's events with rsyslog's RFC 3339 stamps (Debian 13, Ubuntu 24.04);
 * apache-auth and apache-noscript read an Apache error log (microseconds on every line).
 * Besides the bundled filters, own-regex-nginx runs a failregex given on the command line (no filter, so
 * no datepattern: the default date templates) on an access log, as users test their own regexes.
 * F2B_BENCH_BASELINE=path/to/f2b-regex.cjs also times that build in the same rounds (before/after a change).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { report, rate } from '@f2b/bench';
import { generateAccessLog, generateApacheErrorLog, generateFail2banLog, generateMailLog, generateSshdLog } from './corpus.mjs';

const SSHD_LINES = Number(process.env.F2B_BENCH_LINES ?? 200_000);
const OTHER_LINES = Number(process.env.F2B_BENCH_OTHER_LINES ?? 100_000);
// A failregex of one's own on an access log (no filter, so no datepattern): the default date
// templates are searched on every line whose address length moves the date. Fail2Ban takes
// ~200 µs a line there, so this log is shorter.
const OWN_REGEX_LINES = Number(process.env.F2B_BENCH_OWN_REGEX_LINES ?? 20_000);
const OWN_REGEX = '^<HOST> -.*"(?:GET|POST) /wp-login\\.php';
const ROUNDS = Math.max(1, Number(process.env.F2B_BENCH_ROUNDS ?? 7));
const REF_ROUNDS = Math.max(1, Math.min(ROUNDS, Number(process.env.F2B_BENCH_REF_ROUNDS ?? 3)));
const ONLY = process.env.F2B_BENCH_ONLY ? process.env.F2B_BENCH_ONLY.split(',') : null;
const CONF = '/etc/fail2ban';
const here = dirname(fileURLToPath(import.meta.url));
const f2bRegex = join(here, '..', 'dist', 'f2b-regex.cjs');
// Another build of f2b-regex (say main's dist/f2b-regex.cjs) timed in the same rounds: a change's
// before and after from one run, on the same machine load. Its counts must be identical too.
const BASELINE = process.env.F2B_BENCH_BASELINE ?? null;
const FAIL2BAN_REGEX = '/usr/bin/fail2ban-regex';
const SSHG_PARSER = '/usr/libexec/sshguard/sshg-parser';

function parseLinesSummary(text) {
  const m = /Lines: (\d+) lines, (\d+) ignored, (\d+) matched, (\d+) missed/.exec(text);
  if (!m) throw new Error(`no "Lines:" summary in output:\n${text.slice(-2000)}`);
  return { lines: +m[1], ignored: +m[2], matched: +m[3], missed: +m[4] };
}

/**
 * Runs a command once (stdin from `stdinFile` if given): wall time in ms and stdout. With `discard`
 * its stdout goes to /dev/null: sshg-parser prints a line per attack (84,000 on the sshd log), and
 * piping those to this process cost it more than its parsing on a loaded machine.
 */
function timeRun(command, args, stdinFile, discard = false) {
  const fd = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
  const out = discard ? openSync('/dev/null', 'w') : 'pipe';
  try {
    const start = performance.now();
    const text = execFileSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: [fd, out, 'pipe'] });
    return { ms: performance.now() - start, out: text ?? '' };
  } finally {
    if (typeof fd === 'number') closeSync(fd);
    if (typeof out === 'number') closeSync(out);
  }
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const haveRef = existsSync(FAIL2BAN_REGEX) && existsSync(join(CONF, 'filter.d'));
const haveSshg = existsSync(SSHG_PARSER);
const dir = mkdtempSync(join(tmpdir(), 'f2b-bench-regex-'));
try {
  const logs = {
    sshd: join(dir, 'auth.log'),
    sshdRfc3339: join(dir, 'auth-rfc3339.log'),
    nginx: join(dir, 'nginx-access.log'),
    apache: join(dir, 'apache-access.log'),
    apacheError: join(dir, 'apache-error.log'),
    mail: join(dir, 'mail.log'),
    fail2ban: join(dir, 'fail2ban.log'),
    nginxShort: join(dir, 'nginx-access-short.log'),
  };
  writeFileSync(logs.sshd, generateSshdLog(SSHD_LINES));
  writeFileSync(logs.sshdRfc3339, generateSshdLog(SSHD_LINES, 19, { stamps: 'rfc3339' }));
  writeFileSync(logs.nginx, generateAccessLog(OTHER_LINES, 23, { server: 'nginx' }));
  writeFileSync(logs.apache, generateAccessLog(OTHER_LINES, 31, { server: 'apache' }));
  writeFileSync(logs.apacheError, generateApacheErrorLog(OTHER_LINES));
  writeFileSync(logs.mail, generateMailLog(OTHER_LINES));
  writeFileSync(logs.fail2ban, generateFail2banLog(OTHER_LINES));
  writeFileSync(logs.nginxShort, generateAccessLog(OWN_REGEX_LINES, 23, { server: 'nginx' }));
  const cases = [
    { name: 'sshd', log: logs.sshd, lines: SSHD_LINES, filter: 'sshd', target: 25, sshg: true },
    // The same events as rsyslog writes them on Debian 13 / Ubuntu 24.04 (RFC 3339, microseconds).
    { name: 'sshd-rfc3339', log: logs.sshdRfc3339, lines: SSHD_LINES, filter: 'sshd', target: 25, sshg: true },
    { name: 'nginx-botsearch', log: logs.nginx, lines: OTHER_LINES, filter: 'nginx-botsearch', target: 20 },
    { name: 'nginx-bad-request', log: logs.nginx, lines: OTHER_LINES, filter: 'nginx-bad-request', target: 20 },
    { name: 'apache-badbots', log: logs.apache, lines: OTHER_LINES, filter: 'apache-badbots', target: 20 },
    { name: 'apache-auth', log: logs.apacheError, lines: OTHER_LINES, filter: 'apache-auth', target: 20 },
    { name: 'apache-noscript', log: logs.apacheError, lines: OTHER_LINES, filter: 'apache-noscript', target: 20 },
    { name: 'postfix', log: logs.mail, lines: OTHER_LINES, filter: 'postfix', target: 20 },
    { name: 'postfix[mode=auth]', log: logs.mail, lines: OTHER_LINES, filter: 'postfix[mode=auth]', target: 20 },
    { name: 'dovecot', log: logs.mail, lines: OTHER_LINES, filter: 'dovecot', target: 20 },
    // Fail2Ban's own log, which every user has: recidive bans the repeat offenders of the other jails.
    { name: 'recidive', log: logs.fail2ban, lines: OTHER_LINES, filter: 'recidive', target: 20 },
    { name: 'own-regex-nginx', log: logs.nginxShort, lines: OWN_REGEX_LINES, filter: OWN_REGEX, target: null },
  ].filter((c) => ONLY === null || ONLY.includes(c.name));
  const summary = {};
  for (const c of cases) {
    const f2bArgs = [c.log, c.filter, '-c', CONF];
    timeRun(f2bRegex, f2bArgs); // warm-up: page cache, code cache file
    if (BASELINE) timeRun(BASELINE, f2bArgs);
    const times = { f2b: [], ref: [], sshg: [], base: [] };
    let baseOut = '';
    let f2bOut = '';
    let refOut = '';
    // sshg-parser's attack lines, from one untimed run (the timed ones print to /dev/null).
    const sshgOut = c.sshg && haveSshg ? timeRun(SSHG_PARSER, [], c.log).out : '';
    for (let r = 0; r < ROUNDS; r++) {
      const ours = timeRun(f2bRegex, f2bArgs);
      times.f2b.push(ours.ms);
      f2bOut = ours.out;
      if (BASELINE) {
        const base = timeRun(BASELINE, f2bArgs);
        times.base.push(base.ms);
        baseOut = base.out;
      }
      if (c.sshg && haveSshg) times.sshg.push(timeRun(SSHG_PARSER, [], c.log, true).ms);
      if (haveRef && r < REF_ROUNDS) {
        const theirs = timeRun(FAIL2BAN_REGEX, [c.log, c.filter, '-c', CONF]);
        times.ref.push(theirs.ms);
        refOut = theirs.out;
      }
    }
    const ours = parseLinesSummary(f2bOut);
    const f2bMs = median(times.f2b);
    const rows = {
      'log lines': c.lines.toLocaleString('en-US'),
      'runs': `f2b-regex ${ROUNDS}${c.sshg && haveSshg ? `, sshg-parser ${ROUNDS}` : ''}${haveRef ? `, fail2ban-regex ${REF_ROUNDS}` : ''} (interleaved; medians)`,
      'f2b-regex': `${f2bMs.toFixed(0)} ms, ${rate(c.lines, f2bMs)} (runs ${times.f2b.map((t) => t.toFixed(0)).join(' ')})`,
      'f2b counts': JSON.stringify(ours),
    };
    let line = `f2b ${f2bMs.toFixed(0)} ms`;
    if (BASELINE) {
      const baseMs = median(times.base);
      const same = JSON.stringify(parseLinesSummary(baseOut)) === JSON.stringify(ours);
      rows['baseline f2b-regex'] = `${baseMs.toFixed(0)} ms (${BASELINE}; runs ${times.base.map((t) => t.toFixed(0)).join(' ')})`;
      rows['vs baseline'] = `${(baseMs / f2bMs).toFixed(2)}x (> 1: this build is faster)${same ? '' : ', COUNTS DIFFER'}`;
      line += `, baseline ${baseMs.toFixed(0)} ms = ${(baseMs / f2bMs).toFixed(2)}x${same ? '' : ' BASELINE COUNTS DIFFER'}`;
      if (!same) process.exitCode = 1;
    }
    if (haveRef) {
      const theirs = parseLinesSummary(refOut);
      const refMs = median(times.ref);
      const same = JSON.stringify(ours) === JSON.stringify(theirs);
      rows['fail2ban-regex'] = `${refMs.toFixed(0)} ms, ${rate(c.lines, refMs)} (runs ${times.ref.map((t) => t.toFixed(0)).join(' ')})`;
      rows['fail2ban counts'] = JSON.stringify(theirs);
      rows['identical counts'] = String(same);
      rows['vs fail2ban-regex'] = `${(refMs / f2bMs).toFixed(1)}x whole process${c.target === null ? '' : ` (target >= ${c.target}x)`}`;
      line += `, fail2ban-regex ${refMs.toFixed(0)} ms = ${(refMs / f2bMs).toFixed(1)}x${same ? '' : ' COUNTS DIFFER'}`;
      if (!same) process.exitCode = 1;
    } else {
      rows['fail2ban-regex'] = 'not installed: no baseline, no ratio';
    }
    if (c.sshg) {
      if (haveSshg) {
        const sshgMs = median(times.sshg);
        const attacks = sshgOut.split('\n').filter((l) => l !== '').length;
        rows['sshg-parser'] = `${sshgMs.toFixed(0)} ms, ${rate(c.lines, sshgMs)}, ${attacks.toLocaleString('en-US')} attack lines, stdout to /dev/null (runs ${times.sshg.map((t) => t.toFixed(0)).join(' ')})`;
        rows['vs sshg-parser'] = `${(sshgMs / f2bMs).toFixed(2)}x (> 1: f2b-regex is faster)`;
        line += `, sshg-parser ${sshgMs.toFixed(0)} ms = ${(sshgMs / f2bMs).toFixed(2)}x`;
      } else {
        rows['sshg-parser'] = 'not installed (Debian package sshguard)';
      }
    }
    report(`f2b-regex ${c.name} (generated ${c.log.split('/').pop()})`, rows);
    summary[c.name] = line;
  }
  report('f2b-regex summary (whole processes, medians)', summary);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
