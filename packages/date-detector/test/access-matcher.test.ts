/** @module access-matcher-test: the regex-free access-log date matcher against the regex it stands in for. */
import { describe, expect, it } from 'vitest';
import { ACCESS_LOG_DATE } from '../src/_access.js';
import { compileTemplate } from '../src/_defaults.js';
import { buildDirectives } from '../src/_directives.js';
import { compileDatePattern } from '../src/_pattern.js';
import type { Template } from '../src/_template.js';

const directives = buildDirectives(2026);
const withMatcher = compileTemplate(ACCESS_LOG_DATE, directives);
const regexOnly = compileDatePattern(ACCESS_LOG_DATE, { directives, line: ACCESS_LOG_DATE });
const ctx = { now: 1_772_409_600, defaultZone: null, subseconds: true };

function answer(template: Template, line: string): unknown {
  if (!template.search(line, 0, line.length)) return null;
  return { start: template.dateStart, end: template.dateEnd, index: template.index, time: template.readTime(ctx) };
}

// Deterministic pseudo-random generator, so a failure reproduces.
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const LEADS = ['192.0.2.1 - - [', '2001:db8::1 - bob [', '[', 'x [[', 'no bracket ', '𝐀 [', 'a [ ['];
const DAYS = ['02', '2', '10', '29', '30', '31', '32', '00', ' 2', '3', '39', '0'];
const SEPS = ['/', '-', '.', ''];
const MONTHS = ['Mar', 'mar', 'DEC', 'ſep', 'Sep', 'Xyz', 'Ma', 'Marc'];
const YEARS = ['2026', '2005', '1999', '2031', '202', '20261'];
const GAPS = [':', ' ', '', '::', 'T'];
const HOURS = ['00', '09', '19', '20', '23', '24', '29', '9', '30'];
const MINUTES = ['00', '59', '60', '7', '007'];
const SECONDS = ['00', '01', '59', '60', '61', '62', '7', '600'];
const FRACTIONS = ['', '', '', '.5', '.123456', '.1234567', '.'];
const ZONES = ['', ' +0000', ' +0000', ' -0700', ' +05:30', ' +2000', ' +01', ' Z', ' UTC', ' CEST', ' ', ' +00000', ' +0000x'];
const TAILS = [']', '] "GET / HTTP/1.1" 200', '', 'x', '_', '0', 'é', '𝐀', ' ', '-', ':'];

describe('access-log date matcher', () => {
  it('stands for the access-log datepattern', () => {
    expect(withMatcher.name).toBe(regexOnly.name);
    expect(answer(withMatcher, '192.0.2.1 - - [02/Mar/2026:00:00:09 +0000] "GET / HTTP/1.1" 404 1')).toEqual({ start: 15, end: 41, index: 0, time: 1_772_409_609 });
  });

  it('agrees with the regex on 40,000 generated lines', () => {
    const random = createRandom(19);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    for (let n = 0; n < 40_000; n++) {
      const sep = pick(SEPS);
      const line = `${pick(LEADS)}${pick(DAYS)}${sep}${pick(MONTHS)}${random() < 0.9 ? sep : pick(SEPS)}${pick(YEARS)}${pick(GAPS)}${pick(HOURS)}:${pick(MINUTES)}:${pick(SECONDS)}${pick(FRACTIONS)}${pick(ZONES)}${pick(TAILS)}`;
      expect(answer(withMatcher, line), line).toEqual(answer(regexOnly, line));
    }
  });
});
