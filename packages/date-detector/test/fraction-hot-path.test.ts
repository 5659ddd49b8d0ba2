/** @module fraction-hot-path.test: stamps whose microseconds change on every line read as a detector that never saw the line before reads them. */
import { describe, expect, it } from 'vitest';
import { createDateDetector } from '../src/index.js';

const NOW = 1_780_000_000;

function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Consecutive stamps a second or so apart; now and then one mangled (hour 24-29, a digit lost, a letter). */
function* stamps(format: (h: number, m: number, s: number, fraction: string) => string, count: number): Generator<string> {
  const random = createRandom(5);
  let t = 23 * 3600 + 59 * 60 - 30;
  for (let k = 0; k < count; k++) {
    t += Math.floor(random() * 3);
    // an hour past 23 now and then (the ISO regex takes none, syslog's reads them as no time)
    const h = random() < 0.02 ? 24 + Math.floor(random() * 6) : Math.floor(t / 3600) % 24;
    const fraction = pad(Math.floor(random() * 1e6), 6).slice(0, random() < 0.9 ? 6 : 1 + Math.floor(random() * 6));
    let line = format(h, Math.floor(t / 60) % 60, t % 60, fraction);
    const roll = random();
    if (roll < 0.03) line = line.replace(/\d(?=\D*$)/, 'x');
    else if (roll < 0.06) line = line.replace(/\.\d/, '.');
    yield line;
  }
}

const FORMATS: Record<string, (h: number, m: number, s: number, fraction: string) => string> = {
  'RFC 3339 (rsyslog)': (h, m, s, f) => `2026-03-04T${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${f}+01:00 web1 sshd[7]: Invalid user x from 192.0.2.1`,
  'application log': (h, m, s, f) => `[2026-03-04 ${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${f.slice(0, 3)}][vaultwarden::api::identity][ERROR] Username or password is incorrect. IP: 192.0.2.1`,
  'Apache error log': (h, m, s, f) => `[Wed Mar 04 ${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${f} 2026] [core:error] [pid 7] [client 192.0.2.1:5] AH00128: x`,
  'syslog with microseconds': (h, m, s, f) => `Mar  4 ${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${f} web1 sshd[7]: x`,
};

describe('a stream of stamps with changing fractions', () => {
  for (const [name, format] of Object.entries(FORMATS)) {
    for (const subseconds of [false, true]) {
      it(`${name}${subseconds ? ', subseconds' : ''}: each line located as a fresh detector locates it`, () => {
        const warm = createDateDetector({ now: () => NOW, subseconds });
        let found = 0;
        for (const line of stamps(format, 1500)) {
          const expected = createDateDetector({ now: () => NOW, subseconds }).locate(line);
          const got = warm.locate(line);
          expect(got === null ? null : { ...got }, line).toEqual(expected === null ? null : { ...expected });
          if (got?.time !== null && got !== null) found++;
        }
        expect(found).toBeGreaterThan(1200);
      });
    }
  }
});
