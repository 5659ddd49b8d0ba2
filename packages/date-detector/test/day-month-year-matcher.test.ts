/** @module day-month-year-matcher-test: the regex-free line-start `04-Mar-2026 07:05:09.123` matcher against the regex it stands in for. */
import { describe, expect, it } from 'vitest';
import { buildDefaultTemplates } from '../src/_defaults.js';
import { buildDirectives } from '../src/_directives.js';
import { createDayMonthYearMatcher } from '../src/_day-month-year.js';
import { parseZoneOffset } from '../src/_zones.js';
import { createDateDetector } from '../src/index.js';
import { checkMatcher, createMatcherReader, createRandom } from './_helpers.js';

// Where the matcher answers (true or false), it must give exactly what the compiled regex gives,
// on well-formed and mangled stamps alike; it may say "unsure" (null) only where the regex is asked.

const template = buildDefaultTemplates(buildDirectives(2026)).all.find((e) => e.template.name.startsWith('{^LN-BEG}Day(?P<_sep>[-/])MON'))?.template;
if (template === undefined) throw new Error('line-start day-month-year template missing');
const regex = new RegExp(template.regex.source, template.regex.flags.replace('g', ''));
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function viaRegex(line: string): unknown {
  const m = regex.exec(line);
  if (m === null) return null;
  const end = m.index + m[0].length;
  const zone = m[10] === undefined ? null : parseZoneOffset(m[10].toUpperCase());
  return {
    start: end - (m[1] as string).length, end,
    year: Number(m[5]), month: MONTHS.indexOf((m[4] as string).toLowerCase().replace('ſ', 's')) + 1, day: Number(m[2]), hour: Number(m[6]), minute: Number(m[7]), second: Number(m[8]),
    fraction: m[9] === undefined ? null : Number(`0.${m[9]}`), zone,
  };
}



const LEADS = ['', '', '', '', '[', '[[', '[[[', ' ', '  ', '   ', '\t', '<[', '_', 'é', 'x', '1'];
const DAYS = ['04', '4', ' 4', '14', '31', '30', '32', '0', '3', '29', '01', ' 1', '1', '10', '20', '00'];
const SEPS = ['-', '-', '/', '.', ':', ''];
const NAMES = ['Mar', 'mar', 'MAR', 'Sep', 'Dec', 'Jan', 'Mär', 'ſep', 'Ma', 'March', 'Xyz', 'm4r'];
const YEARS = ['2026', '2026', '2005', '2019', '1999', '2030', '202', '20261'];
const GAPS = [' ', ' ', ':', '', '  ', 'T', '\t'];
const HOURS = ['07', '00', '09', '19', '23', '24', '2', '9', '29', '3'];
const MINUTES = ['05', '00', '5', '59', '60', '7'];
const SECONDS = ['09', '01', '59', '60', '61', '62', '6', '7', '00'];
const FRACTIONS = ['', '.123', '.123', '.5', '.123456', '.1234567', ',123', '.', '.x'];
const ZONES = ['', '', ' +0000', ' -05:30', ' +01', ' Z', ' z', ' UTC', ' utc', ' GMT', ' gmt', ' +2', ' +20:00', '  +0000', '+0000', ' CET', ' +01:0', ' Zulu', ' Ué'];
const TAILS = ['', ' security: info: client @0x7f 192.0.2.1#53 (x): query (cache) denied', ' INFO [main] org.apache.catalina', 'x', '_', ':', '5', ' ', '\t', 'é', '𝐀', '-', '\u00a0', '.'];

describe('line-start day-month-year fast matcher', () => {
  it('agrees with the regex on 40,000 generated stamps, and lines sharing what decided a match match alike', () => {
    const random = createRandom(13);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    // Each part well-formed (its list's first entry) more often than not, so whole stamps match often.
    const part = (list: readonly string[]): string => (random() < 0.6 ? (list[0] as string) : pick(list));
    const match = createDayMonthYearMatcher([200, 201, 202]);
    const reader = createMatcherReader(match, viaRegex);
    const { matched, clocks, fractions } = checkMatcher({
      lines: 40_000,
      random,
      generate: () => {
        const sep = pick(SEPS);
        const sep2 = random() < 0.9 ? sep : pick(SEPS);
        return pick(LEADS) + part(DAYS) + sep + part(NAMES) + sep2 + part(YEARS) + part(GAPS) + part(HOURS) + ':' + part(MINUTES) + ':' + part(SECONDS) + pick(FRACTIONS) + pick(ZONES) + pick(TAILS) + pick(TAILS);
      },
      tails: TAILS,
      viaRegex,
      viaMatcher: (line) => reader.read(line),
    });
    expect(matched).toBeGreaterThan(3500);
    expect(clocks).toBeGreaterThan(2000);
    expect(fractions).toBeGreaterThan(500);
    // "unsure" only for what the matcher does not judge (non-ASCII where a letter or \w is asked)
    expect(reader.unsure).toBeLessThan(5000);
  });

  it('takes BIND and Tomcat stamps line after line with the times the regex gives', () => {
    const lines = [
      '04-Mar-2026 07:05:09.123 security: info: client @0x7f1 192.0.2.1#53 (sl): query (cache) \'sl/ANY/IN\' denied',
      '04-Mar-2026 07:05:09.877 security: info: client @0x7f2 192.0.2.2#53 (sl): query (cache) \'sl/ANY/IN\' denied',
      '04-Mar-2026 07:05:10.001 queries: info: client @0x7f3 192.0.2.3#53 (example.org): query: example.org IN A +E(0)',
      '04-Mar-2026 07:59:59.999 x',
      '04-Mar-2026 08:00:00.000 x',
      '04-Mar-2026 23:00:00.5 x',
      '04-Mar-2026 24:00:00.500 x',
      '04-Mar-2026 19:00:00.500 x',
      '04-Mar-2026 20:00:00.500 INFO [main] org.apache.catalina.startup.Catalina.start Server startup',
    ];
    for (const subseconds of [false, true]) {
      const detector = createDateDetector({ now: () => 1_780_000_000, subseconds, logtimezone: 'UTC' });
      const expected = lines.map((line) => {
        const m = viaRegex(line) as { end: number; year: number; month: number; day: number; hour: number; minute: number; second: number; fraction: number | null } | null;
        if (m === null) return null;
        const time = Date.UTC(m.year, m.month - 1, m.day, m.hour, m.minute, m.second) / 1000 + (subseconds && m.fraction !== null ? m.fraction : 0);
        return { time: m.hour > 23 ? null : time, end: m.end };
      });
      const got = lines.map((line) => {
        const found = detector.locate(line);
        return found === null ? null : { time: found.time, end: found.end };
      });
      expect(got).toEqual(expected);
    }
  });
});
