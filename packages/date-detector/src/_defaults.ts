/** @module defaults: Fail2Ban's default date templates and the special datepattern values (EPOCH, TAI64N, {DATE}, …). */
import type { Directive } from './_directives.js';
import { DatePatternError } from './errors.js';
import { compileDatePattern, LINE_START, WORD_END } from './_pattern.js';
import { pooledPrefilter, type PrefilterPool } from './_prefilter.js';
import { Template } from './_template.js';
import { WORD } from './_translate.js';
import { createSyslogMatcher } from './_syslog.js';
import { createIsoMatcher, ISO_DATE } from './_iso.js';
import { createDayMonthYearMatcher, DAY_MONTH_YEAR_DATE } from './_day-month-year.js';
import { ACCESS_CLOCK_OFFSET, ACCESS_LOG_DATE, createAccessLogMatcher, findAccessDateAnchor } from './_access.js';

/** A template in a detector's list, with Fail2Ban's sorting weight. */
export interface WeightedTemplate {
  readonly template: Template;
  readonly weight: number;
}

const SYSLOG = '(?:%a )?%b %d %k:%M:%S(?:\\.%f)?(?: %ExY)?';

// The formats Fail2Ban tries when a filter sets no datepattern, most specific first.
const DEFAULT_PATTERNS: readonly string[] = [
  // ISO 8601 and friends: 2005-01-23T21:59:59.981746+01:00, 2005/01/23 21:59:59, 2006.12.21 06:43:20
  ISO_DATE,
  // syslog / asctime: [Sun ]Jan 23 21:59:59[.011][ 2005]
  SYSLOG,
  // asctime with the year before the time: [Sun ]Jan 23 2005 21:59:59[.011]
  '(?:%a )?%b %d %ExY %k:%M:%S(?:\\.%f)?',
  // 23/01/2005 21:59:59, 23/01/05 21:59:59, 17-07-2008 17:23:25
  '%d(?P<_sep>[-/])%m(?P=_sep)(?:%ExY|%Exy) %k:%M:%S',
  // Apache and named: [31/Oct/2006:09:22:55 -0000], 26-Jul-2007 15:20:52.252 +0200
  DAY_MONTH_YEAR_DATE,
  // cPanel: 05/20/2008:01:57:39
  '%m/%d/%ExY:%H:%M:%S',
  // month first, only with a full year: 01-27-2012 16:22:44[.252]
  '%m-%d-%ExY %k:%M:%S(?:\\.%f)?',
  'EPOCH',
  // a bare clock time at the line start: today (or yesterday)
  '{^LN-BEG}%H:%M:%S',
  // <09/16/08@05:03:30>
  '^<%m/%d/%Exy@%H:%M:%S>',
  // MySQL: 130322 11:46:11
  '%Exy%Exm%Exd  ?%H:%M:%S',
  // Tomcat: Jan 23, 2005 9:59:59 PM
  '%b %d, %ExY %I:%M:%S %p',
  // ASSP: Apr-27-13 02:33:06
  '^%b-%d-%Exy %k:%M:%S',
  // compact ISO 8601: 20050123T215959, 20050123 215959, and (Fail2Ban 1.1) 20050123-21:59:59
  '%ExY%Exm%Exd(?:-|T|  ?)%ExH:?%ExM:?%ExS(?:[.,]%f)?(?:\\s*%z)?',
  // zone name first (monit): PDT Apr 16 21:05:29
  '(?:%Z )?(?:%a )?%b %d %k:%M:%S(?:\\.%f)?(?: %ExY)?',
  // zone offset first: +00:00 Jan 23 21:59:59.011 2005
  '(?:%z )?(?:%a )?%b %d %k:%M:%S(?:\\.%f)?(?: %ExY)?',
  'TAI64N',
];

const EPOCH_SHORT = `\\d{10,11}(?!${WORD})(?:\\.\\d{3,6})?`;
const EPOCH_LONG = '\\d{10,11}(?:\\d{3}(?:\\.\\d{1,6}|\\d{3})?)?';

/** Epoch seconds at the line start, after `[` at the start, or in SELinux's `audit(…`. */
function createEpochTemplate(lineBeginOnly: boolean, long: boolean, prefilters?: PrefilterPool): Template {
  const number = long ? EPOCH_LONG : EPOCH_SHORT;
  const field = long ? 'LEPOCH' : 'EPOCH';
  const base = long ? 'LongEpoch' : 'Epoch';
  const groups = [null, field] as const;
  if (lineBeginOnly) {
    return new Template({ name: `{^LN-BEG}${base}`, source: `${LINE_START}(${number})${WORD_END}`, flags: '', groups, spanIsTail: true, lineBegin: true, lineEnd: false, pattern: null });
  }
  const where = `(?:^|(?<=^\\[)|(?<=(?<!${WORD})audit\\())`;
  // `(?=\d)` first: the number starts with a digit anyway, and V8 then skips the other positions of
  // a line without looking behind them (the search runs on every line of a log read without a
  // datepattern whose date moves, such as an access log's).
  // The number starts the line, follows a `[` that does, or follows `audit(`: nowhere else.
  const prefilter = prefilters === undefined ? undefined : pooledPrefilter(prefilters, 'epoch', () => mayHoldEpoch);
  return new Template({ name: base, source: `((?=\\d)${where}${number})${WORD_END}`, flags: '', groups, spanIsTail: true, lineBegin: false, lineEnd: false, pattern: null, ...(prefilter === undefined ? {} : { prefilter }) });
}

/** TAI64N labels (`@4000000037c219bf2ef02e94`). */
function createTai64nTemplate(lineBeginOnly: boolean, prefilters?: PrefilterPool): Template {
  const prefix = lineBeginOnly ? LINE_START : '';
  const name = lineBeginOnly ? '{^LN-BEG}TAI64N' : 'TAI64N';
  const prefilter = prefilters === undefined || lineBeginOnly ? undefined : pooledPrefilter(prefilters, 'tai64n', () => (line) => line.includes('@'));
  return new Template({ name, source: `${prefix}(@[0-9a-f]{24})${WORD_END}`, flags: '', groups: [null, null], spanIsTail: true, lineBegin: lineBeginOnly, lineEnd: false, pattern: null, tai64n: true, ...(prefilter === undefined ? {} : { prefilter }) });
}

/** Whether the unanchored epoch template may match `line`: ten digits at its start or after a `[` there, or `audit(` in it. */
function mayHoldEpoch(line: string): boolean {
  return tenDigitsAt(line, 0) || (line.charCodeAt(0) === 91 && tenDigitsAt(line, 1)) || line.includes('audit(');
}

function tenDigitsAt(line: string, at: number): boolean {
  for (let k = at; k < at + 10; k++) {
    const c = line.charCodeAt(k);
    if (!(c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** Compiles one datepattern line, including the special values EPOCH, LEPOCH, TAI64N (optionally `^`/`{^LN-BEG}`-anchored). */
export function compileTemplate(line: string, directives: ReadonlyMap<string, Directive>, lazy = false, prefilters?: PrefilterPool): Template {
  const key = line.includes('%') ? line : line.toUpperCase();
  const anchoredKey = key.replace(/^(?:\{\^LN-BEG\}|\^)/, '');
  const anchored = anchoredKey !== key;
  if (!/\{L?EPOCH\}/i.test(line)) {
    if (anchoredKey === 'EPOCH') return createEpochTemplate(anchored, false, prefilters);
    if (anchoredKey === 'LEPOCH') return createEpochTemplate(anchored, true, prefilters);
    if (anchoredKey === 'TAI64N') return createTai64nTemplate(anchored, prefilters);
  }
  if (line === `{^LN-BEG}${SYSLOG}` || line === ACCESS_LOG_DATE || line === `{^LN-BEG}${ISO_DATE}` || line === `^${ISO_DATE}` || line === `{^LN-BEG}${DAY_MONTH_YEAR_DATE}`) {
    // the most common dates of all get a matcher that needs no regex run (same answers)
    const decades = /\(\?:([\d|]+)\)/.exec(directives.get('ExY')?.regex ?? '')?.[1]?.split('|').map(Number);
    const fast = decades === undefined ? undefined
      : line === ACCESS_LOG_DATE ? createAccessLogMatcher(decades)
      : line === `{^LN-BEG}${ISO_DATE}` ? createIsoMatcher(decades)
      : line === `^${ISO_DATE}` ? createIsoMatcher(decades, 0)
      : line === `{^LN-BEG}${DAY_MONTH_YEAR_DATE}` ? createDayMonthYearMatcher(decades)
      : createSyslogMatcher(decades);
    const fastSpan = line === ACCESS_LOG_DATE ? { anchor: findAccessDateAnchor, clock: ACCESS_CLOCK_OFFSET } : undefined;
    if (fast !== undefined) return compileDatePattern(line, { directives, line, fast, fastSpan, lazy });
  }
  return compileDatePattern(line, { directives, line, lazy, ...(prefilters === undefined ? {} : { prefilters }) });
}

/** Removes the boundary markers of a pattern so it can sit inside another one (for `{DATE}`). */
function unboundPattern(pattern: string): string {
  return pattern.replace(/^\{UNB\}/, '').replace(/^\{\^LN-BEG\}/, '').replace(/^\((?:\?:)?\^\|\\b\|\\W\)/, '').replace(/\(\?=\\b\|\\W\|\$\)$/, '');
}

/** The default templates: line-start anchored copies first (weight 100), then the originals. */
export function buildDefaultTemplates(directives: ReadonlyMap<string, Directive>, prefilters: PrefilterPool = new Map()): { all: WeightedTemplate[]; base: Template[] } {
  const anchored: WeightedTemplate[] = [];
  const plain: WeightedTemplate[] = [];
  const base: Template[] = [];
  for (const pattern of DEFAULT_PATTERNS) {
    // Built-in patterns are known to be valid: their regexes are compiled when first tried.
    const template = compileTemplate(pattern, directives, true, prefilters);
    base.push(template);
    if (!template.name.startsWith('{^LN-BEG}') && !template.name.startsWith('^')) {
      anchored.push({ template: compileTemplate(`{^LN-BEG}${pattern}`, directives, true, prefilters), weight: 100 });
    }
    plain.push({ template, weight: 1 });
  }
  return { all: [...anchored, ...plain], base };
}

/**
 * Resolves the lines of a `datepattern` into templates, like Fail2Ban's
 * `appendTemplate`: `{DEFAULT}` adds the defaults, `{^LN-BEG}` the defaults tied
 * to the line start, `…{DATE}…` each default date inside the given context,
 * `{NONE}` a template that finds no date (the line's time becomes "now").
 */
export function resolveDatePatterns(lines: readonly string[], directives: ReadonlyMap<string, Directive>): WeightedTemplate[] {
  const prefilters: PrefilterPool = new Map();
  const defaults = buildDefaultTemplates(directives, prefilters);
  const result: WeightedTemplate[] = [];
  const names = new Set<string>();
  const add = (template: Template, weight: number, ignoreDuplicate: boolean, line: string): void => {
    if (names.has(template.name)) {
      if (ignoreDuplicate) return;
      throw new DatePatternError(line, line, `duplicate date template '${template.name}'`);
    }
    names.add(template.name);
    result.push({ template, weight });
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const key = line.includes('%') ? line : line.toUpperCase();
    const ignoreDuplicate = result.length > 0;
    if (key === '{^LN-BEG}' || key === '{DEFAULT}') {
      for (const entry of defaults.all) {
        if (key === '{^LN-BEG}' && !entry.template.lineBegin) continue;
        add(entry.template, entry.weight, ignoreDuplicate, line);
      }
    } else if (/\{DATE\}/i.test(line)) {
      for (const template of defaults.base) {
        const inner = template.name === 'Epoch' ? '{EPOCH}' : template.pattern === null ? null : unboundPattern(template.pattern);
        if (inner === null) continue;
        const wrapped = line.replace(/(?<!\\)\{DATE\}/gi, () => inner);
        add(compileTemplate(wrapped, directives, false, prefilters), 1, ignoreDuplicate, line);
      }
    } else if (key === '{NONE}') {
      add(compileDatePattern('{UNB}^', { directives, line }), 1, false, line);
    } else {
      add(compileTemplate(line, directives, false, prefilters), 1, false, line);
    }
  }
  return result;
}
