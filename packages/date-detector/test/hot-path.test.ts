/** @module hot-path-test: a stream of syslog lines read through the shortcuts (same prefix, new clock digits, cached hour) against Date's own arithmetic. */
import { describe, expect, it } from 'vitest';
import { createDateDetector, type DateMatch } from '@f2b/date-detector';
import { utc } from './_helpers.js';

// The detector skips work for a line that starts like the one before (same
// text, or only other clock digits) and caches the epoch of the last hour.
// Lines generated in runs that share prefixes exercise those shortcuts; each
// answer is checked against Date in the test's zone (Europe/Zurich, see
// vitest.config.ts), which agrees with mktime away from the ambiguous hour
// after a DST end (left out here; time.test.ts covers it).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400;

function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Local wall time as if UTC (what Fail2Ban compares for a guessed year). */
function wallOf(epoch: number): number {
  return epoch - new Date(epoch * 1000).getTimezoneOffset() * 60;
}

/** Expected epoch of a zone-less date, as Fail2Ban reads it; null for an impossible one. */
function expectTime(year: number | null, month: number, day: number, hour: number, minute: number, second: number, now: number): number | null {
  const local = (y: number): number | null => {
    const d = new Date(y, month - 1, day, hour, minute, second);
    if (d.getMonth() !== month - 1 || d.getDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
    return d.getTime() / 1000;
  };
  if (year !== null) return local(year);
  const nowYear = new Date(now * 1000).getFullYear();
  const naive = Date.UTC(nowYear, month - 1, day, hour, minute, second) / 1000;
  if (hour <= 23 && minute <= 59 && second <= 59 && naive > wallOf(now) + DAY) return local(nowYear - 1);
  return local(nowYear);
}

// Runs of lines in time order with jumps: the same second, the next seconds,
// a new minute or hour, a new day; across the DST start in Zurich
// (2024-03-31 02:00 does not exist) and across New Year with a guessed year.
const STARTS = [utc(2024, 3, 30, 22, 50), utc(2024, 12, 31, 21, 40), utc(2024, 2, 28, 20, 59, 30), utc(2024, 8, 1, 8, 0)];
const TAILS = [' gw sshd[1]: Failed password', ' gw CRON[7]: x', '.123 gw x', ' 2023 gw x', ' 2025 gw y'];

describe('the shortcuts of the detector', () => {
  it('read every line of a 40,000-line stream as Date does', () => {
    const random = createRandom(11);
    let now = 0;
    const detector = createDateDetector({ now: () => now });
    const into: DateMatch = { time: 0, start: 0, end: 0, template: '' };
    let lines = 0;
    for (const start of STARTS) {
      let wall = wallOf(start);
      for (let n = 0; n < 10_000; n++) {
        const r = random();
        wall += r < 0.5 ? 0 : r < 0.8 ? 1 : r < 0.93 ? 59 : r < 0.995 ? 3599 : DAY;
        // "now" runs a little ahead of the log, sometimes far behind (a guessed year goes back)
        now = start + (wall - wallOf(start)) + (random() < 0.1 ? -2 * DAY + Math.floor(random() * 3 * DAY) : 30);
        const d = new Date(wall * 1000);
        const [month, day, hour, minute, second] = [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
        // now and then an impossible hour or a single-digit one (the slow path)
        const hh = random() < 0.01 ? '24' : random() < 0.02 ? ` ${hour % 10}` : String(hour).padStart(2, '0');
        const tail = TAILS[Math.floor(random() * TAILS.length)] as string;
        const stamp = `${MONTHS[month - 1]} ${String(day).padStart(2, ' ')} ${hh}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`;
        const line = stamp + tail;
        const year = tail.startsWith(' 20') ? Number(tail.slice(1, 5)) : null;
        const expected = expectTime(year, month, day, Number(hh), minute, second, now);
        const end = stamp.length + (year === null ? (tail.startsWith('.') ? 4 : 0) : 5);
        const found = detector.locate(line);
        expect({ time: found?.time, start: found?.start, end: found?.end }, `${line} (now ${now})`).toEqual({ time: expected, start: 0, end });
        expect(detector.detectInto(line, into)).toBe(expected !== null);
        if (expected !== null) expect(into.time).toBe(expected);
        lines++;
      }
    }
    expect(lines).toBe(40_000);
    expect([...detector.hits()].find(([, hits]) => hits > 0)?.[1]).toBe(80_000);
  });

  it('gives the same answers and statistics as a detector reading each line once', () => {
    const lines = ['Aug 14 10:00:00 gw a', 'Aug 14 10:00:00 gw b', 'Aug 14 10:00:01 gw c', 'Aug 14 10:07:59 gw d', 'Aug 14 11:00:00 gw e', '2005-08-14 11:00:00 gw f', 'Aug 14 11:00:01 gw g'];
    // clock digits out of the two-digit ranges take other paths through the syslog pattern
    const odd = ['Aug 14 10:00:61 gw h', 'Aug 14 10:00:01 gw i', 'Aug 14 10:60:01 gw j', 'Aug 14 10:00:01 gw k', 'Aug 14 30:00:01 gw l', 'Aug 14 10:00:01 gw m', 'Aug 14 10:0x:01 gw n', 'Aug 14 10:00:01 gw o', 'Aug 14 10:00:7 gw p', 'Aug 14 10:00:01 gw q', 'Aug 14 10:00:01: gw r'];
    const streamed = createDateDetector({ now: () => utc(2005, 8, 20) });
    const results = lines.map((line) => streamed.detect(line));
    const single = lines.map((line) => createDateDetector({ now: () => utc(2005, 8, 20) }).detect(line));
    expect(results).toEqual(single);
    // CEST: UTC+2
    const at = (h: number, m: number, s: number): number => utc(2005, 8, 14, h - 2, m, s);
    expect(results.map((r) => r?.time)).toEqual([at(10, 0, 0), at(10, 0, 0), at(10, 0, 1), at(10, 7, 59), at(11, 0, 0), at(11, 0, 0), at(11, 0, 1)]);
    expect(streamed.hits().get('{^LN-BEG}(?:DAY )?MON Day %k:Minute:Second(?:\\.Microseconds)?(?: ExYear)?')).toBe(6);
    // a result stays as it was when later lines have other dates
    expect(results[0]).toEqual({ time: at(10, 0, 0), start: 0, end: 15, template: results[6]?.template });
    expect(results[0]).toBe(results[1]);
    const oddStreamed = odd.map((line) => streamed.locate(line));
    expect(oddStreamed).toEqual(odd.map((line) => createDateDetector({ now: () => utc(2005, 8, 20) }).locate(line)));
    expect(oddStreamed.map((r) => r?.time ?? null)).toEqual([null, at(10, 0, 1), null, at(10, 0, 1), null, at(10, 0, 1), null, at(10, 0, 1), at(10, 0, 7), at(10, 0, 1), at(10, 0, 1)]);
  });
});
