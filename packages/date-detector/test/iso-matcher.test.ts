/** @module iso-matcher-test: the regex-free line-start ISO 8601 matcher against the regex it stands in for. */
import { describe, expect, it } from 'vitest';
import { buildDefaultTemplates, resolveDatePatterns } from '../src/_defaults.js';
import { buildDirectives } from '../src/_directives.js';
import { createIsoMatcher } from '../src/_iso.js';
import { parseZoneOffset } from '../src/_zones.js';
import { createDateDetector } from '../src/index.js';
import { checkMatcher, createMatcherReader, createRandom } from './_helpers.js';

// Where the matcher answers (true or false), it must give exactly what the compiled regex gives,
// on well-formed and mangled stamps alike; it may say "unsure" (null) only where the regex is asked.

const template = buildDefaultTemplates(buildDirectives(2026)).all.find((e) => e.template.name.startsWith('{^LN-BEG}ExYear(?P<_sep>'))?.template;
if (template === undefined) throw new Error('ISO template missing');
// recidive's `^{DATE}` (Fail2Ban's own log): the same date, no leading characters.
const atStart = resolveDatePatterns(['^{DATE}'], buildDirectives(2026)).find((e) => e.template.name.startsWith('^ExYear(?P<_sep>'))?.template;
if (atStart === undefined) throw new Error('^{DATE} ISO template missing');
let regex = new RegExp(template.regex.source, template.regex.flags.replace('g', ''));

function viaRegex(line: string): unknown {
  const m = regex.exec(line);
  if (m === null) return null;
  const end = m.index + m[0].length;
  const zone = m[10] === undefined ? null : parseZoneOffset(m[10]);
  return {
    start: end - (m[1] as string).length, end,
    year: Number(m[2]), month: Number(m[4]), day: Number(m[5]), hour: Number(m[6]), minute: Number(m[7]), second: Number(m[8]),
    fraction: m[9] === undefined ? null : Number(`0.${m[9]}`), zone,
  };
}



const LEADS = ['', '', '', '', '[', '[[', '[[[', ' ', '<[', '_', 'é', 'x', '1'];
const YEARS = ['2026', '2026', '2005', '2019', '1999', '2030', '202', '20261'];
const SEPS = ['-', '-', '/', '.', ':', ''];
const MONTHS = ['03', '3', '10', '12', '1', '01', '13', '0', '00', '09', '11'];
const DAYS = ['02', '2', '14', '31', '30', '32', ' 2', '0', '3', '29', '01', ' 1', '1', '10', '20'];
const BETWEEN = ['T', 'T', ' ', '  ', '   ', 't', ''];
const HOURS = ['00', '09', '19', '23', '24', '2', '9', '29', '3'];
const MINUTES = ['00', '5', '59', '60', '07', '7'];
const SECONDS = ['01', '59', '60', '61', '62', '6', '7', '00'];
const FRACTIONS = ['', '.339563', '.339563', '.5', '.1', ',123', '.1234567', '.', '.x', '.123456'];
const ZONES = ['', '', '+00:00', '+0100', '-05:30', '+01', 'Z', 'UTC', 'GMT', ' +00:00', '  Z', '+2', '+20:00', '\u00a0+00:00', 'CET', ' UTC', '+01:0', 'z'];
const TAILS = ['', ' web1 sshd[1]: x', 'x', '_', ':', '5', ' ', '\t', 'é', '𝐀', '-', '\u00a0', '.'];

describe('ISO 8601 fast matcher', () => {
  // (fewer lines match without leading characters: a lead makes a `^{DATE}` line fail)
  it.each([
    ['{^LN-BEG}', template, 2, 5000, 3000, 1500],
    ['^{DATE}', atStart, 0, 1500, 1000, 300],
  ] as const)('agrees with the %s regex on 40,000 generated stamps, and lines sharing what decided a match match alike', (_name, tested, maxLead, minMatched, minClocks, minFractions) => {
    regex = new RegExp(tested.regex.source, tested.regex.flags.replace('g', ''));
    const random = createRandom(11);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    // Each part well-formed (its list's first entry) more often than not, so whole stamps match often.
    const part = (list: readonly string[]): string => (random() < 0.6 ? (list[0] as string) : pick(list));
    const match = createIsoMatcher([200, 201, 202], maxLead);
    const reader = createMatcherReader(match, viaRegex);
    const { matched, clocks, fractions } = checkMatcher({
      lines: 40_000,
      random,
      generate: () => {
        const sep = pick(SEPS);
        const sep2 = random() < 0.9 ? sep : pick(SEPS);
        return pick(LEADS) + part(YEARS) + sep + part(MONTHS) + sep2 + part(DAYS) + part(BETWEEN) + part(HOURS) + ':' + part(MINUTES) + ':' + part(SECONDS) + pick(FRACTIONS) + pick(ZONES) + pick(TAILS) + pick(TAILS);
      },
      tails: TAILS,
      viaRegex,
      viaMatcher: (line) => reader.read(line),
    });
    expect(matched).toBeGreaterThan(minMatched);
    expect(clocks).toBeGreaterThan(minClocks);
    expect(fractions).toBeGreaterThan(minFractions);
    // "unsure" only for what the matcher does not judge (non-ASCII where \s or \w is asked)
    expect(reader.unsure).toBeLessThan(5000);
  });

  it('takes rsyslog stamps line after line with the times the regex gives', () => {
    regex = new RegExp(template.regex.source, template.regex.flags.replace('g', ''));
    const lines = [
      '2026-03-02T00:00:01.339563+00:00 web1 sshd[2041]: Invalid user test from 192.0.2.1 port 50282',
      '2026-03-02T00:00:01.993908+00:00 web1 sshd[2041]: pam_unix(sshd:auth): check pass; user unknown',
      '2026-03-02T00:00:02.000001+00:00 web1 sshd[2041]: x',
      '2026-03-02T00:59:59.999999+00:00 web1 sshd[2041]: x',
      '2026-03-02T01:00:00.000000+00:00 web1 sshd[2041]: x',
      '2026-03-02T23:00:00.5+00:00 web1 sshd[2041]: x',
      '2026-03-02T24:00:00.500000+00:00 web1 sshd[2041]: x',
      '2026-03-02T19:00:00.500000+00:00 web1 sshd[2041]: x',
      '2026-03-02T20:00:00.500000+00:00 web1 sshd[2041]: x',
    ];
    for (const subseconds of [false, true]) {
      const fast = createDateDetector({ now: () => 1_780_000_000, subseconds });
      const expected = lines.map((line) => {
        const m = viaRegex(line) as { end: number; year: number; month: number; day: number; hour: number; minute: number; second: number; fraction: number | null } | null;
        if (m === null) return null;
        const time = Date.UTC(m.year, m.month - 1, m.day, m.hour, m.minute, m.second) / 1000 + (subseconds && m.fraction !== null ? m.fraction : 0);
        return { time: m.hour > 23 ? null : time, end: m.end };
      });
      const got = lines.map((line) => {
        const found = fast.locate(line);
        return found === null ? null : { time: found.time, end: found.end };
      });
      expect(got).toEqual(expected.map((e) => (e === null ? null : e)));
    }
  });
});
