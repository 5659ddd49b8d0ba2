/** @module syslog-matcher-test: the regex-free syslog matcher against the regex it replaces. */
import { describe, expect, it } from 'vitest';
import { buildDefaultTemplates } from '../src/_defaults.js';
import { buildDirectives } from '../src/_directives.js';
import { createDateParts } from '../src/_parts.js';
import { createSyslogMatcher, type SyslogMatch } from '../src/_syslog.js';
import { checkMatcher, createRandom } from './_helpers.js';

// The hand-written syslog matcher must give exactly what the compiled regex
// gives, on well-formed dates and on mangled ones alike.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const template = buildDefaultTemplates(buildDirectives(2026)).all.find((e) => e.template.name.startsWith('{^LN-BEG}(?:DAY )?MON Day %k'))?.template;
if (template === undefined) throw new Error('syslog template missing');
const regex = new RegExp(template.regex.source, template.regex.flags.replace('g', ''));

function viaRegex(line: string): unknown {
  const m = regex.exec(line);
  if (m === null) return null;
  const end = m.index + m[0].length;
  return {
    start: end - (m[1] as string).length,
    end,
    month: MONTHS.indexOf((m[3] as string).toLowerCase().replace('ſ', 's')) + 1,
    day: Number(m[4]),
    hour: Number(m[5]),
    minute: Number(m[6]),
    second: Number(m[7]),
    fraction: m[8] === undefined ? null : Number(`0.${m[8]}`),
    year: m[9] === undefined ? null : Number(m[9]),
  };
}

const lastOut: SyslogMatch = { start: 0, end: 0, depends: 0, clock: -1 };

function viaMatcher(match: ReturnType<typeof createSyslogMatcher>, line: string): unknown {
  const out = lastOut;
  const p = createDateParts();
  if (!match(line, out, p)) return null;
  const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);
  return { start: out.start, end: out.end, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second, fraction: orNull(p.fraction), year: orNull(p.year) };
}

const BASES = [
  'Aug 14 10:00:00 gw sshd[1]: x',
  'Sun Aug 14 10:00:00.123 2005 gw x',
  '[Aug  4  9:05:07] x',
  'Feb 29 23:59:60.1234567 20299',
  'sep 31 29:61:61 x',
  'Aug 1 1:2:3 x',
];
const LEADS = ['', '', '', '[', ' ', '<[', '[[[', '𝐀', '_'];
const DAYS = ['', '', 'Sun ', 'mon ', 'ſat ', 'Xyz '];
const MONS = ['Aug', 'aug', 'SEP', 'ſep', 'Auh', 'Au'];
const DATES = ['1', '01', ' 1', '14', '31', '32', '3', '0', '00', ' 0', '29', '4', '30'];
const HOURS = ['0', '9', '09', '23', '24', '29', '3', ' 9', '  9', '30'];
const MINUTES = ['0', '5', '05', '59', '60', '7', '007'];
const SECONDS = ['0', '00', '59', '60', '61', '62', '7', '6', '600'];
const FRACTIONS = ['', '', '.', '.1', '.123456', '.1234567', '.x'];
const YEARS = ['', '', ' 2005', ' 2029', ' 2030', ' 1999', ' 205', ' 20051', '  2005', ' 2905', ' 2195'];
const TAILS = ['', ' gw', 'x', '_', ':', '.5', ' 2005', '2005', '2', '1', '.', '0', 'é', '𝐀', ' ', '-', ' 20'];

describe('syslog fast matcher', () => {
  it('agrees with the regex on the base lines', () => {
    const match = createSyslogMatcher([200, 201, 202]);
    for (const line of BASES) expect(viaMatcher(match, line)).toEqual(viaRegex(line));
  });

  it('agrees with the regex on 100,000 generated lines, and other lines sharing what decided a match match alike', () => {
    const random = createRandom(7);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const match = createSyslogMatcher([200, 201, 202]);
    const digit = (max: number): string => String(Math.floor(random() * (max + 1)));
    const counts = checkMatcher({
      lines: 100_000,
      random,
      generate: () => pick(LEADS) + pick(DAYS) + pick(MONS) + ' ' + pick(DATES) + ' ' + pick(HOURS) + ':' + pick(MINUTES) + ':' + pick(SECONDS) + pick(FRACTIONS) + pick(YEARS) + pick(TAILS) + pick(TAILS),
      tails: TAILS,
      viaRegex,
      viaMatcher: (line) => ({ answer: viaMatcher(match, line), sure: true, out: lastOut }),
      // (the matcher's hot path lets a two-digit hour run to 29, as `[0-2]?\d` does)
      otherHour: () => digit(2) + digit(9),
    });
    expect(counts.matched).toBeGreaterThan(5000);
    expect(counts.clocks).toBeGreaterThan(250);
    expect(counts.fractions).toBeGreaterThan(150);
    expect(counts.withDepends).toBeGreaterThan(3000);
  });
});
