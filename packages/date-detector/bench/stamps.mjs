/** @module bench-stamps: date detection per line on the stamp formats servers write, beside a loop that only splits the lines. */
// Why: the syslog bench alone steered the work to one format. RFC 3339 stamps (rsyslog's default on
// Debian 13 and Ubuntu 24.04), Apache's error log and application logs carry microseconds or
// milliseconds that change on every line, and an access log read without a datepattern has its
// date move with the address before it; each took its own path through the detector.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { report } from '@f2b/bench';
import { createDateDetector } from '../dist/index.js';

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc');
const NOW = Date.UTC(2026, 2, 30) / 1000;
const pad = (n, w = 2) => String(n).padStart(w, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Lines of one format: a new second every ~3 lines, sub-second digits that differ on every line. */
function lines(format) {
  const out = [];
  let seed = 17;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let i = 0; i < LINES; i++) {
    const t = Date.UTC(2026, 2, 4) / 1000 + Math.floor(i / 3);
    const d = new Date(t * 1000);
    const micros = pad(next() % 1_000_000, 6);
    const ip = `192.0.${next() % 3 === 0 ? 2 : 20}.${next() % 250}`;
    out.push(format(d, micros, ip, i));
  }
  return out.join('\n');
}

const hms = (d) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
const FORMATS = {
  'syslog': (d, _m, ip, i) => `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)} web1 sshd[${2000 + (i % 90)}]: Failed password for root from ${ip} port 22 ssh2`,
  'RFC 3339 (rsyslog)': (d, m, ip, i) => `2026-03-${pad(d.getUTCDate())}T${hms(d)}.${m}+00:00 web1 sshd[${2000 + (i % 90)}]: Failed password for root from ${ip} port 22 ssh2`,
  'Apache error log': (d, m, ip) => `[${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${hms(d)}.${m} 2026] [core:info] [pid 1201:tid 140001] [client ${ip}:51234] AH00128: File does not exist: /var/www/html/wp-login.php`,
  'application [date.ms]': (d, m, ip) => `[2026-03-${pad(d.getUTCDate())} ${hms(d)}.${m.slice(0, 3)}][vaultwarden::api::identity][ERROR] Username or password is incorrect. IP: ${ip}.`,
  'access log, default templates': (d, _m, ip) => `${ip} - - [${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/2026:${hms(d)} +0000] "GET /wp-login.php HTTP/1.1" 404 153 "-" "curl/8.5.0"`,
};

let sink = 0;
const out = { time: 0, start: 0, end: 0, template: '' };
function timeOnce(fn) {
  collect();
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const rows = {};
for (const [name, format] of Object.entries(FORMATS)) {
  const text = lines(format);
  const split = () => { let n = 0; for (const line of text.split('\n')) n += line.length; sink += n; };
  const detect = () => {
    const detector = createDateDetector({ now: () => NOW });
    let n = 0;
    for (const line of text.split('\n')) if (detector.detectSpanInto(line, out)) n += out.end;
    sink += n;
  };
  split(); detect();
  const base = [];
  const both = [];
  for (let r = 0; r < ROUNDS; r++) { base.push(timeOnce(split)); both.push(timeOnce(detect)); }
  const best = (v) => Math.min(...v);
  const perLine = ((best(both) - best(base)) * 1e6) / LINES;
  rows[name] = `${perLine.toFixed(0)} ns a line beyond the split (split + detect ${best(both).toFixed(1)} ms, split ${best(base).toFixed(1)} ms, best of ${ROUNDS})`;
}
report(`date-detector: detection per line, ${LINES.toLocaleString('en-US')} lines a format`, rows);
if (sink === 42) console.log('');
