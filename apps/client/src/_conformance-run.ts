/** @module _conformance-run: replays Fail2Ban's sample logs (`# failJSON:` lines) against f2b's filters. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFilter } from '@f2b/config-reader';
import { createDateDetector, type DateMatch } from '@f2b/date-detector';
import { compileFilter, hasGreedyCatchAllBeforeHost, type Filter } from '@f2b/failregex';
import { evaluateCondition } from './_conformance-expr.js';
import { compareFailure } from './_conformance-check.js';

/** "Now" of Fail2Ban's sample tests (2005-08-14 12:00:00 Europe/Zurich). */
export const SAMPLES_NOW = 1124013600;
/** The zone Fail2Ban's sample tests run in; times in failJSON are local to it. */
export const SAMPLES_TZ = 'Europe/Zurich';
/** Debian's copy of Fail2Ban's sample logs. */
export const FAIL2BAN_LOGS_DIR = '/usr/lib/python3/dist-packages/fail2ban/tests/files/logs';

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  readonly confDir: string;
  readonly logsDir: string;
  /** Only these filters (names without .conf). */
  readonly only?: readonly string[];
  /**
   * Also check every failregex against the wrong-greed rule (@f2b/failregex's hasGreedyCatchAllBeforeHost). On for
   * f2b's own filters; our rule reads the regex as written and is stricter than Fail2Ban's.
   */
  readonly checkGreed?: boolean;
}

/** Result: each check is one failJSON line under one filter-option set, or one "regex has a sample" check. */
export interface ConformanceResult {
  passed: number;
  total: number;
  readonly failures: string[];
  /** Every check with its verdict, named as apps/client/scripts/samples-reference.py names Fail2Ban's. */
  readonly checks: ConformanceCheck[];
}

/** One check: `filter`, the option set (`variant`: test.filter-name or the options as sorted JSON), and what was checked. */
export interface ConformanceCheck {
  readonly filter: string;
  readonly variant: string;
  /** `FILE:LINE` of the failJSON line (or of the log line when it has none), `failregex N`, `load`, `log`, or `greed N`. */
  readonly where: string;
  readonly ok: boolean;
  /** What went wrong (failed checks only). */
  readonly message?: string;
}

interface FilterUnderTest {
  readonly filter: Filter;
  readonly usedRegexes: Set<number>;
}

const DIRECTIVE_RE = /^#+ ?(failJSON|(?:file|filter)Options|addFILE):(.+)$/;

/**
 * Runs every filter of `confDir/filter.d` over its sample log in `logsDir`, as Fail2Ban's
 * samplestestcase does, with TZ set to Europe/Zurich (the samples' zone) for the duration of the run.
 */
export function runConformance(options: ConformanceOptions): ConformanceResult {
  const savedTz = process.env['TZ'];
  process.env['TZ'] = SAMPLES_TZ;
  try {
    return runAllFilters(options);
  } finally {
    if (savedTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = savedTz;
  }
}

function runAllFilters(options: ConformanceOptions): ConformanceResult {
  const result: ConformanceResult = { passed: 0, total: 0, failures: [], checks: [] };
  const names = readdirSync(join(options.confDir, 'filter.d'))
    .filter((f) => f.endsWith('.conf') && !f.endsWith('common.conf') && !f.startsWith('.'))
    .map((f) => f.slice(0, -'.conf'.length))
    .filter((n) => !options.only || options.only.includes(n))
    .sort();
  for (const name of names) runFilterSamples(name, options, result);
  return result;
}

function runFilterSamples(name: string, options: ConformanceOptions, result: ConformanceResult): void {
  const fail = (variant: string, where: string, msg: string): void => {
    result.total++;
    result.failures.push(`${name}: ${msg}`);
    result.checks.push({ filter: name, variant, where, ok: false, message: `${name}: ${msg}` });
  };
  const pass = (variant: string, where: string): void => {
    result.total++;
    result.passed++;
    result.checks.push({ filter: name, variant, where, ok: true });
  };
  if (!existsSync(join(options.logsDir, name))) { fail('', 'log', `no sample log ${join(options.logsDir, name)}`); return; }
  const filters = new Map<string, FilterUnderTest | Error>();
  const variants = new Map<string, string>();
  // A regex counts as sampled if any option set used it (Fail2Ban compares the regex text).
  const usedWritten = new Set<string>();
  const openFilter = (fltName: string, opts: Record<string, string>, variant: string): FilterUnderTest | Error => {
    variants.set(fltName, variant);
    let entry = filters.get(fltName);
    if (entry) return entry;
    try {
      const spec = readFilter(options.confDir, name, { jailOptions: opts });
      const detector = createDateDetector({ datepattern: spec.datepattern, logtimezone: null, now: () => SAMPLES_NOW });
      const date: DateMatch = { time: 0, start: 0, end: 0, template: '' };
      const filter = compileFilter(spec, {
        useDns: 'raw', checkAllRegex: true, now: () => SAMPLES_NOW, detectDate: (l) => (detector.detectSpanInto(l, date) ? { ...date } : null),
      });
      entry = { filter, usedRegexes: new Set() };
    } catch (err) {
      entry = err instanceof Error ? err : new Error(String(err));
      fail(variant, 'load', `${fltName}: cannot load filter: ${entry.message}`);
    }
    filters.set(fltName, entry);
    return entry;
  };
  type Test = { fltName: string; opts: Record<string, unknown> };
  let tests: Test[] | null = null;
  let commonOpts: Record<string, unknown> = {};
  const files = [name];
  for (let fi = 0; fi < files.length; fi++) {
    const file = files[fi] as string;
    const lines = readFileSync(join(options.logsDir, file), 'utf8').split('\n').map((l) => l.replace(/\r$/, ''));
    if (lines[lines.length - 1] === '') lines.pop();
    let ignoreBlock = false;
    for (let ln = 0; ln < lines.length; ln++) {
      let line = lines[ln] as string;
      const where = `${file}:${ln + 1}`;
      const m = DIRECTIVE_RE.exec(line);
      let faildata: Record<string, unknown> = {};
      if (m) {
        let data: unknown;
        try {
          data = JSON.parse(m[2] as string);
        } catch (err) {
          fail('', where, `${where}: bad JSON: ${(err as Error).message}`);
          continue;
        }
        if (m[1] === 'fileOptions') { commonOpts = data as Record<string, unknown>; continue; }
        if (m[1] === 'filterOptions') {
          tests = [];
          ignoreBlock = false;
          for (const o of (Array.isArray(data) ? data : [data]) as Record<string, unknown>[]) {
            const opts = { ...commonOpts, ...o };
            const cond = opts['test.condition'];
            if (typeof cond === 'string' && cond !== '') ignoreBlock = !evaluateCondition(cond, { name, opts });
            if (ignoreBlock) continue;
            const fltOpts = Object.fromEntries(Object.entries(opts).filter(([k]) => !k.startsWith('test.')).map(([k, v]) => [k, String(v)]));
            const fltName = name + ((opts['test.filter-name'] as string | undefined) || (Object.keys(fltOpts).length > 0 ? JSON.stringify(fltOpts) : ''));
            openFilter(fltName, fltOpts, variantName(opts, fltOpts));
            tests.push({ fltName, opts });
          }
          continue;
        }
        if (m[1] === 'addFILE') { files.push(String(data)); continue; }
        faildata = data as Record<string, unknown>;
        ln++;
        if (ln >= lines.length) break;
        line = lines[ln] as string;
      } else if (ignoreBlock || line.startsWith('#') || line.trim() === '') {
        continue;
      }
      if (ignoreBlock) continue;
      if (!tests || tests.length === 0) {
        openFilter(name, {}, '');
        tests = [{ fltName: name, opts: {} }];
      }
      line = line.replace(/[\r\n]+$/, '');
      for (const t of tests) {
        const constraint = faildata['constraint'];
        if (typeof constraint === 'string' && !evaluateCondition(constraint, { name, opts: t.opts })) continue;
        const flt = filters.get(t.fltName);
        if (!flt || flt instanceof Error) continue;
        let r;
        if (t.opts['logtype'] !== 'journal') {
          r = flt.filter.processLine(line);
        } else {
          const prefix = t.opts['test.prefix-line'];
          if (typeof prefix === 'string') line = prefix + line;
          r = flt.filter.processLine(line, { time: SAMPLES_NOW });
        }
        for (const i of r.failregexHits) {
          flt.usedRegexes.add(i);
          usedWritten.add((flt.filter.failregex[i] as { written: string }).written);
        }
        const label = `${t.fltName}: ${where}`;
        const variant = variants.get(t.fltName) ?? '';
        const shouldMatch = faildata['match'] === true;
        if (r.fails.length === 0) {
          if (shouldMatch) fail(variant, where, `${label}: line not matched when it should have been: ${line}`);
          else pass(variant, where);
          continue;
        }
        if (!shouldMatch) { fail(variant, where, `${label}: line matched when it should not have: ${line}`); continue; }
        if (r.fails.length !== 1) { fail(variant, where, `${label}: ${r.fails.length} failures (regexes ${r.fails.map((f) => f.regexIndex).join(', ')}): ${line}`); continue; }
        const problems = compareFailure(faildata, r.fails[0] as (typeof r.fails)[number]);
        if (problems.length > 0) fail(variant, where, `${label}: ${problems.join('; ')}: ${line}`);
        else pass(variant, where);
      }
    }
  }
  for (const [fltName, entry] of filters) {
    if (entry instanceof Error) continue;
    const variant = variants.get(fltName) ?? '';
    entry.filter.failregex.forEach((fr, i) => {
      if (entry.usedRegexes.has(i) || usedWritten.has(fr.written)) pass(variant, `failregex ${i + 1}`);
      else fail(variant, `failregex ${i + 1}`, `${fltName}: failregex ${i + 1} has no sample: ${fr.written}`);
      if (!options.checkGreed) return;
      if (hasGreedyCatchAllBeforeHost(fr.written)) fail(variant, `greed ${i + 1}`, `${fltName}: failregex ${i + 1} has a greedy catch-all before <HOST> that is not anchored after it: ${fr.written}`);
      else pass(variant, `greed ${i + 1}`);
    });
  }
}

/** The variant name of an option set: `test.filter-name`, else the filter options as JSON with sorted keys. */
function variantName(opts: Readonly<Record<string, unknown>>, fltOpts: Readonly<Record<string, string>>): string {
  const named = opts['test.filter-name'];
  if (typeof named === 'string' && named !== '') return named;
  const keys = Object.keys(fltOpts).sort();
  return keys.length === 0 ? '' : JSON.stringify(Object.fromEntries(keys.map((k) => [k, fltOpts[k]])));
}
