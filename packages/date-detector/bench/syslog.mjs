/** @module bench-syslog: date detection on syslog lines against a loop that only splits the text into lines. */
import { bestOf, rate, report } from '@f2b/bench';
import { createDateDetector } from '../dist/index.js';

const LINES = 200_000;
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
const NOW = Date.UTC(2026, 7, 30) / 1000;
const now = () => NOW;

let sink = 0;
function splitOnly() {
  let n = 0;
  for (const line of text.split('\n')) n += line.length;
  sink += n;
}
function splitAndDetect() {
  const detector = createDateDetector({ now });
  let n = 0;
  for (const line of text.split('\n')) {
    const found = detector.detect(line);
    if (found !== null) n += found.time;
  }
  sink += n;
}

const base = await bestOf(splitOnly, 5);
const detect = await bestOf(splitAndDetect, 5);
report(`date-detector: ${LINES.toLocaleString('en-US')} syslog lines`, {
  'split only': `${base.toFixed(1)} ms  ${rate(LINES, base)}`,
  'split + detect': `${detect.toFixed(1)} ms  ${rate(LINES, detect)}`,
  'ratio (target <= 2.0)': `${(detect / base).toFixed(2)}x`,
});
if (sink === 42) console.log('');
