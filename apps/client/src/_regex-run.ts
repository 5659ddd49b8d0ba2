/** @module _regex-run: runs one filter over a log (file or literal line) and gathers f2b-regex's statistics. */
import { statSync } from 'node:fs';
import { compileFilter, type Failure, type Filter } from '@f2b/failregex';
import { createDateDetector, type DateMatch } from '@f2b/date-detector';
import type { RegexArgs } from './_regex-args.js';
import { loadFilterArgument } from './_regex-filter.js';
import { readLogLines } from './_log-lines.js';
import { UsageError } from './errors.js';

/** Counters and samples for the human report. */
export interface RegexStats {
  tested: number;
  matched: number;
  ignored: number;
  missed: number;
  truncated: number;
  readonly missedLines: string[];
  readonly ignoredLines: string[];
  readonly matchedLines: string[];
  readonly failregexHits: number[];
  readonly ignoreregexHits: number[];
  prefregexHits: number;
  readonly dateHits: Map<string, number>;
  seconds: number;
}

/** Where the run writes: one JSON line per processed log line, and progress. */
export interface RegexSinks {
  readonly json?: (line: number, fails: Failure[], ignored: boolean) => void;
  readonly progress?: { start(total: number): void; update(bytes: number): void; stop(): void };
}

/** How many sample lines are kept for the report unless --print-all-… asks for all. */
export const SAMPLE_LINES = 20;

/** Loads the filter (ConfigError / RegexTranslationError on problems) and the date detector. */
export function prepareRegexRun(args: RegexArgs): { filter: Filter; label: string } {
  const { definition, label } = loadFilterArgument(args.confDir, args.filter, args.ignoreRegex);
  batchNow = Date.now() / 1000;
  const clock = args.now === null ? readBatchClock : () => args.now as number;
  const detector = args.noDate
    ? null
    : createDateDetector({ datepattern: definition.datepattern, logtimezone: args.logTimezone, now: clock });
  // One date object filled in place for every line: detect() would allocate whenever the date changes.
  const date: DateMatch = { time: 0, start: 0, end: 0, template: '' };
  const filter = compileFilter(definition, {
    useDns: args.useDns,
    now: clock,
    maxLineLength: args.maxLineLength,
    checkAllRegex: !args.json,
    // The report needs counts only; multi-line filters need the failures' lines to count claimed lines.
    countOnly: !args.json && definition.maxlines === 1,
    // detectSpanInto: a date that cannot be read is still cut out of the line, as Fail2Ban does.
    detectDate: detector ? (line) => (detector.detectSpanInto(line, date) ? date : null) : null,
  });
  return { filter, label };
}

/**
 * "Now" in epoch seconds, read once per batch of lines rather than several times per line
 * (Date.now() was a few percent of a run); a batch takes well under a millisecond.
 */
let batchNow = Date.now() / 1000;
function readBatchClock(): number {
  return batchNow;
}

/** Runs the filter over every line; comment (`#`) and empty lines are skipped, as fail2ban-regex does. */
export async function runRegex(args: RegexArgs, filter: Filter, sinks: RegexSinks = {}): Promise<RegexStats> {
  const stats: RegexStats = {
    tested: 0, matched: 0, ignored: 0, missed: 0, truncated: 0,
    missedLines: [], ignoredLines: [], matchedLines: [],
    failregexHits: filter.failregex.map(() => 0), ignoreregexHits: filter.ignoreregex.map(() => 0),
    prefregexHits: 0, dateHits: new Map(), seconds: 0,
  };
  const multiline = filter.definition.maxlines > 1;
  const recentMissed: [seen: string, shown: string][] = [];
  let lineNo = 0;
  // Lines come with their newline (see readLogLines' keepNewline): the filter then needs no copy.
  const lineOptions = args.noDate ? { noDate: true, terminated: true } : { terminated: true };
  // Batches known to be ASCII say so; the filter then runs its cheaper ASCII regexes without a look.
  const asciiLineOptions = { ...lineOptions, ascii: true };
  // Date template hits are counted in a run of equal templates and added to the map when it ends:
  // a map update per line was a few percent of a run, and one template usually wins every line.
  let runTemplate: string | null = null;
  let runHits = 0;
  const flushDateHits = (): void => {
    if (runTemplate !== null) stats.dateHits.set(runTemplate, (stats.dateHits.get(runTemplate) ?? 0) + runHits);
    runTemplate = null;
    runHits = 0;
  };
  const cap = args.maxLineLength;
  const handle = (lines: string[], ascii: boolean, cutBytes: number): void => {
    batchNow = Date.now() / 1000;
    // Not known to be ASCII: the filter looks at each line itself.
    const options = ascii ? asciiLineOptions : lineOptions;
    for (let k = 0; k < lines.length; k++) {
      const given = lines[k] as string;
      lineNo++;
      const first = given.charCodeAt(0);
      if (first === 35 /* # */ || first === 10 || given === '') continue;
      const r = filter.processLine(given, options);
      stats.tested++;
      // A line over the cap is reported by its start and length, never printed whole.
      const long = cutBytes > 0 || r.truncated;
      if (long) stats.truncated++;
      const shown = long ? describeCutLine(given, cutBytes, cap) : null;
      if (r.prefregexMatched) stats.prefregexHits++;
      if (r.dateTemplate !== null) {
        if (r.dateTemplate !== runTemplate) { flushDateHits(); runTemplate = r.dateTemplate; }
        runHits++;
      }
      for (let j = 0; j < r.failregexHits.length; j++) { const i = r.failregexHits[j] as number; stats.failregexHits[i] = (stats.failregexHits[i] ?? 0) + 1; }
      for (let j = 0; j < r.ignoreregexHits.length; j++) { const i = r.ignoreregexHits[j] as number; stats.ignoreregexHits[i] = (stats.ignoreregexHits[i] ?? 0) + 1; }
      sinks.json?.(lineNo, r.fails, r.ignored);
      // As fail2ban-regex counts: a line is ignored when an ignoreregex matched or any failure it
      // produced is NOFAIL, even beside real ones (a "Failed publickey" line after "Invalid user" on
      // the same connection hits a failing and a NOFAIL failregex of sshd: ignored, not matched).
      if (r.ignored || r.nofail > 0) {
        stats.ignored++;
        if (args.printAllIgnored || stats.ignoredLines.length <= SAMPLE_LINES) stats.ignoredLines.push(shown ?? withoutNewline(given));
      } else if (r.failCount > 0 || r.pending > 0) {
        stats.matched++;
        if (args.printAllMatched) stats.matchedLines.push(shown ?? withoutNewline(given));
        if (multiline) claimBufferedLines(r.fails, recentMissed, stats);
      } else {
        stats.missed++;
        if (args.printAllMissed || stats.missedLines.length <= SAMPLE_LINES) stats.missedLines.push(shown ?? withoutNewline(given));
        if (multiline) {
          // As the filter saw it (its matches hold the cut line), and as the report shows it.
          const seen = withoutNewline(given);
          recentMissed.push([long ? seen.slice(0, cap) : seen, shown ?? seen]);
          if (recentMissed.length > filter.definition.maxlines) recentMissed.shift();
        }
      }
    }
  };
  const start = process.hrtime.bigint();
  let size = -1;
  try {
    const st = statSync(args.log);
    if (!st.isFile()) throw new UsageError(`f2b-regex: LOG '${args.log}' is not a regular file`);
    size = st.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    size = -1;
  }
  if (size >= 0) {
    const progress = sinks.progress;
    progress?.start(size);
    try {
      await readLogLines(args.log, handle, progress ? (bytes) => progress.update(bytes) : undefined, { keepNewline: true, maxLineLength: cap });
    } catch (err) {
      throw describeReadError(args.log, err);
    } finally {
      progress?.stop();
    }
  } else {
    // A log given as text: the filter looks at each line for non-ASCII characters itself.
    handle(args.log.split('\n'), false, 0);
  }
  flushDateHits();
  stats.seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return stats;
}

/** A file the system would not let us read is one line naming it; anything else goes on unchanged. */
function describeReadError(log: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const syscall = (err as NodeJS.ErrnoException | null)?.syscall;
  if (typeof code !== 'string' || (syscall !== 'open' && syscall !== 'read')) return err;
  return new UsageError(`f2b-regex: cannot read LOG '${log}': ${code}`);
}

function withoutNewline(line: string): string {
  return line.charCodeAt(line.length - 1) === 10 ? line.slice(0, -1) : line;
}

/** Characters of a cut line the report shows. */
const CUT_LINE_SHOWN = 100;

/**
 * A line longer than the cap as the report lists it: its start and its length in bytes (`cutBytes`
 * when the reader cut it, else measured; the newline it was read with not counted).
 */
export function describeCutLine(given: string, cutBytes: number, cap: number): string {
  const line = withoutNewline(given);
  const length = cutBytes > 0 ? cutBytes : Buffer.byteLength(line);
  return `${line.slice(0, Math.min(CUT_LINE_SHOWN, cap))}... [line of ${groupThousands(length)} bytes, cut to ${cap} characters]`;
}

/** `1234567` → `1,234,567`. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Earlier missed lines that a multi-line failure now includes count as matched (as in fail2ban-regex). */
function claimBufferedLines(fails: readonly Failure[], recentMissed: [seen: string, shown: string][], stats: RegexStats): void {
  for (const f of fails) {
    for (const m of f.matches) {
      const at = recentMissed.findIndex(([seen]) => seen === m);
      if (at < 0) continue;
      const shown = (recentMissed[at] as [string, string])[1];
      recentMissed.splice(at, 1);
      stats.matched++;
      stats.missed--;
      const sample = stats.missedLines.lastIndexOf(shown);
      if (sample >= 0) stats.missedLines.splice(sample, 1);
    }
  }
}
