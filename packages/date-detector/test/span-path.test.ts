/** @module span-path-test: access-log dates read through the mid-line shortcut (same date text, new clock digits) against regex-only templates. */
import { describe, expect, it } from 'vitest';
import { createDateDetector, type DateMatch } from '@f2b/date-detector';

// `^[^\[]*\[({DATE})` gets the regex-free access-log matcher and, once it has won, the shortcut
// that compares the characters after the first `[` with the last date. The same pattern with an
// empty group `(?:)` in front of the date gets neither: every line runs the regexes. Both must
// give every answer alike (time, span) and keep the same statistics (order, hits).
const WITH_SHORTCUT = '^[^\\[]*\\[({DATE})';
const REGEX_ONLY = '^[^\\[]*\\[(?:)({DATE})';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

describe('the mid-line shortcut of the detector', () => {
  it('reads a 20,000-line access log as the regexes do', () => {
    const random = createRandom(23);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    let now = Date.UTC(2026, 2, 2) / 1000;
    const clock = (): number => now;
    const fast = createDateDetector({ datepattern: [WITH_SHORTCUT], now: clock });
    const slow = createDateDetector({ datepattern: [REGEX_ONLY], now: clock });
    const leads = ['192.0.2.1 - - [', '198.51.100.23 - bob [', '2001:db8::7 - - [', '[', '10.0.0.1 [x] [', 'no date here ', '10.1.1.1 - - '];
    const zones = [' +0000', ' +0000', ' +0000', ' -0700', ' +05:30', '', ' +2000'];
    const tails = ['] "GET / HTTP/1.1" 200 12 "-" "curl/8"', '] "POST /login HTTP/1.1" 401 0', ']', ']x', '_', '.5]', 'é'];
    let t = Date.UTC(2026, 2, 1, 21, 58) / 1000;
    const intoFast: DateMatch = { time: 0, start: 0, end: 0, template: '' };
    const intoSlow: DateMatch = { time: 0, start: 0, end: 0, template: '' };
    for (let n = 0; n < 20_000; n++) {
      const r = random();
      t += r < 0.4 ? 0 : r < 0.8 ? 1 : r < 0.93 ? 59 : r < 0.99 ? 3599 : 86_400;
      now = t + 30;
      const d = new Date(t * 1000);
      // now and then an hour the matcher leaves to the regex, through a changed clock digit
      const hour = random() < 0.01 ? pick(['24', '29', '2']) : pad2(d.getUTCHours());
      const lead = random() < 0.9 ? (leads[0] as string) : pick(leads);
      const zone = random() < 0.95 ? ' +0000' : pick(zones);
      const tail = random() < 0.9 ? (tails[0] as string) : pick(tails);
      const line = `${lead}${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hour}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${zone}${tail}`;
      const a = fast.locate(line);
      const b = slow.locate(line);
      expect(a && { time: a.time, start: a.start, end: a.end }, line).toEqual(b && { time: b.time, start: b.start, end: b.end });
      const foundFast = fast.detectSpanInto(line, intoFast);
      const foundSlow = slow.detectSpanInto(line, intoSlow);
      expect(foundFast && { ...intoFast, template: '' }, line).toEqual(foundSlow && { ...intoSlow, template: '' });
      const seenFast = fast.detect(line);
      const seenSlow = slow.detect(line);
      expect(seenFast && { ...seenFast, template: '' }, line).toEqual(seenSlow && { ...seenSlow, template: '' });
    }
    const plain = (names: readonly string[]): string[] => names.map((name) => name.replace('(?:)', ''));
    expect(plain(fast.templates)).toEqual(plain(slow.templates));
    expect([...fast.hits().values()]).toEqual([...slow.hits().values()]);
  });
});
