/** @module _regex-report: the human summary of f2b-regex, laid out like fail2ban-regex's. */
import type { Filter } from '@f2b/failregex';
import type { RegexArgs } from './_regex-args.js';
import { groupThousands, SAMPLE_LINES, type RegexStats } from './_regex-run.js';

/** Builds the report text (ends with a newline). */
export function formatRegexReport(args: RegexArgs, filter: Filter, label: string, stats: RegexStats): string {
  const out: string[] = [];
  const list = (items: string[], header: string): void => {
    out.push(`|- ${header}`);
    for (const item of items) out.push(`|  ${item}`);
    out.push('`-');
  };
  out.push('', 'Running tests', '=============', '');
  out.push(`Use   failregex ${label}`);
  out.push(`Use         log ${stats.tested === 1 && !args.log.includes('/') ? `line : ${args.log}` : `file : ${args.log}`}`);
  out.push('Use    encoding : UTF-8', '', '', 'Results', '=======');
  if (filter.prefregex) {
    out.push('', `Prefregex: ${stats.prefregexHits} total`);
    list([filter.prefregex.written], '');
  }
  for (const [title, regexes, hits] of [
    ['Failregex', filter.failregex, stats.failregexHits],
    ['Ignoreregex', filter.ignoreregex, stats.ignoreregexHits],
  ] as const) {
    const total = hits.reduce((a, b) => a + b, 0);
    out.push('', `${title}: ${total} total`);
    const rows = regexes.flatMap((r, i) => ((hits[i] ?? 0) > 0 ? [`${String(i + 1).padStart(2)}) [${hits[i]}] ${r.written}`] : []));
    list(rows, ' #) [# of hits] regular expression');
  }
  if (!args.noDate) {
    out.push('', 'Date template hits:');
    const rows = [...stats.dateHits].sort((a, b) => b[1] - a[1]).map(([t, n]) => `[${n}] ${t}`);
    list(rows, '[# of hits] date format');
  }
  out.push('', `Lines: ${stats.tested} lines, ${stats.ignored} ignored, ${stats.matched} matched, ${stats.missed} missed`);
  const rate = stats.seconds > 0 ? Math.round(stats.tested / stats.seconds) : stats.tested;
  out.push(`[processed in ${stats.seconds.toFixed(2)} sec, ${groupThousands(rate)} lines/s]`);
  if (stats.truncated > 0) out.push(`[${stats.truncated} line(s) longer than ${args.maxLineLength} characters were cut before matching]`);
  out.push('');
  const samples = (kind: string, count: number, lines: string[], all: boolean): void => {
    if (count === 0) return;
    if (all || count <= SAMPLE_LINES) {
      list(lines, `${kind[0]?.toUpperCase()}${kind.slice(1)} line(s):`);
    } else {
      out.push(`${kind[0]?.toUpperCase()}${kind.slice(1)} line(s): too many to print.  Use --print-all-${kind} to print all ${count} lines`);
    }
  };
  if (args.printAllMatched) samples('matched', stats.matched, stats.matchedLines, true);
  samples('ignored', stats.ignored, stats.ignoredLines, args.printAllIgnored);
  samples('missed', stats.missed, stats.missedLines, args.printAllMissed);
  return `${out.join('\n')}\n`;
}
