/** @module bench-syslog: date detection on syslog lines against a loop that only splits the text into lines. */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { percentile, rate, report } from '@f2b/bench';
import { createDateDetector } from '../dist/index.js';

const LINES = 200_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 31);
// Each round starts from a collected heap: the split loop allocates 200,000 strings, and
// whether a young-generation collection falls inside a round or not swung single rounds
// of either loop by 2-3x, which said more about the collector than about the code.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');

// A day of sshd/cron traffic: a new second every ~3 lines, as on a busy host.
const parts = [];
for (let i = 0; i < LINES; i++) {
  const t = Math.floor(i / 3);
  const day = 1 + (Math.floor(t / 86_400) % 28);
  const stamp = `${MONTHS[7]} ${String(day).padStart(2, ' ')} ${pad(Math.floor(t / 3600) % 24)}:${pad(Math.floor(t / 60) % 60)}:${pad(t % 60)}`;
  parts.push(i % 5 === 0
    ? `${stamp} gw CRON[${1000 + i}]: pam_unix(cron:session): session opened for user root by (uid=0)`
    : `${stamp} gw sshd[${2000 + i}]: Failed password for invalid user u${i % 97} from 192.0.2.${i % 250} port ${1024 + (i % 5000)} ssh2`);
}
const text = parts.join('\n');
parts.length = 0;
const NOW = Date.UTC(2026, 7, 30) / 1000;
const now = () => NOW;

// Both loops read the same text the same way and consume what they produce,
// so the difference is the detection alone.
let sink = 0;
function splitOnly() {
  let n = 0;
  for (const line of text.split('\n')) n += line.length;
  sink += n;
}
// What any exact detector must at least do: read the characters the syslog date
// depends on (the 15 of the date and the 2 after it, which decide where it ends).
// This loop does only that, so it shows how much of the ratio is reading alone.
const DATE_DEPENDS = 17;
function splitAndReadDate() {
  let n = 0;
  for (const line of text.split('\n')) {
    for (let i = 0; i < DATE_DEPENDS; i++) n += line.charCodeAt(i);
  }
  sink += n;
}
// A detector is made once per log, not per line: its construction (compiling
// ~30 templates) is measured apart, so the ratio is the per-line cost.
let detector = createDateDetector({ now });
function splitAndDetect() {
  let n = 0;
  for (const line of text.split('\n')) {
    const found = detector.detect(line);
    if (found !== null) n += line.length + found.time;
  }
  sink += n;
}

const into = { time: 0, start: 0, end: 0, template: '' };
function splitAndDetectInto() {
  let n = 0;
  for (const line of text.split('\n')) {
    if (detector.detectInto(line, into)) n += line.length + into.time;
  }
  sink += n;
}

/** Wall time of one run in ms. */
function timeOnce(fn) {
  collect();
  const start = performance.now();
  fn();
  return performance.now() - start;
}

// Warm up both loops, then interleave the rounds so that load from other
// processes falls on both alike; the best round is the least disturbed one.
for (let i = 0; i < 3; i++) {
  splitOnly();
  splitAndReadDate();
  splitAndDetect();
  splitAndDetectInto();
}
const base = [];
const readDate = [];
const detect = [];
const detectInto = [];
for (let i = 0; i < ROUNDS; i++) {
  base.push(timeOnce(splitOnly));
  readDate.push(timeOnce(splitAndReadDate));
  detector = createDateDetector({ now });
  detect.push(timeOnce(splitAndDetect));
  detector = createDateDetector({ now });
  detectInto.push(timeOnce(splitAndDetectInto));
}
const create = [];
for (let i = 0; i < 20; i++) create.push(timeOnce(() => createDateDetector({ now })));

const best = (values) => Math.min(...values);
const median = (values) => percentile(values, 50);
report(`date-detector: ${LINES.toLocaleString('en-US')} syslog lines, best/median of ${ROUNDS} interleaved rounds`, {
  'split only': `${best(base).toFixed(1)} ms / ${median(base).toFixed(1)} ms  ${rate(LINES, best(base))}`,
  'split + read 17 date chars (floor)': `${best(readDate).toFixed(1)} ms / ${median(readDate).toFixed(1)} ms  ${rate(LINES, best(readDate))}`,
  'split + detect': `${best(detect).toFixed(1)} ms / ${median(detect).toFixed(1)} ms  ${rate(LINES, best(detect))}`,
  'split + detectInto': `${best(detectInto).toFixed(1)} ms / ${median(detectInto).toFixed(1)} ms  ${rate(LINES, best(detectInto))}`,
  'ratio detect, best (target <= 2.0)': `${(best(detect) / best(base)).toFixed(2)}x`,
  'ratio detect, median': `${(median(detect) / median(base)).toFixed(2)}x`,
  'ratio detectInto, best': `${(best(detectInto) / best(base)).toFixed(2)}x`,
  'ratio detectInto, median': `${(median(detectInto) / median(base)).toFixed(2)}x`,
  'ratio floor (reading only), median': `${(median(readDate) / median(base)).toFixed(2)}x`,
  'detection beyond the split, median': `${((median(detect) - median(base)) / median(base)).toFixed(2)}x the split loop`,
  'createDateDetector': `${median(create).toFixed(2)} ms (median, once per log)`,
});
if (sink === 42) console.log('');
