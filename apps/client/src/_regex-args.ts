/** @module _regex-args: the f2b-regex command line (DESIGN.md contract) parsed into typed options. */
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_LINE_LENGTH, type UseDns } from '@f2b/failregex';
import { UsageError } from './errors.js';
import { bundledConfigDir } from './_bundled-config.js';

/** Everything f2b-regex was asked to do. */
export interface RegexArgs {
  readonly log: string;
  readonly filter: string;
  readonly ignoreRegex: string | null;
  readonly confDir: string;
  /** Epoch seconds, or null for the real clock. */
  readonly now: number | null;
  readonly noDate: boolean;
  readonly json: boolean;
  readonly useDns: UseDns;
  readonly maxLineLength: number;
  readonly printAllMissed: boolean;
  readonly printAllIgnored: boolean;
  readonly printAllMatched: boolean;
  readonly logTimezone: string | null;
  readonly help: boolean;
}

export const REGEX_USAGE = `usage: f2b-regex [-c CONFDIR] [--now EPOCH] [--no-date] [--json] [--usedns yes|warn|no|raw]
                 [--print-all-missed] [--print-all-ignored] [--print-all-matched]
                 [--max-line-length N] [--logtimezone ZONE] LOG FILTER [IGNOREREGEX]

LOG     a log file, or one literal log line
FILTER  a filter name in CONFDIR/filter.d (options as in sshd[mode=aggressive]),
        a path to a filter file, or a literal failregex
IGNOREREGEX  an ignoreregex added to the filter's own

Options:
  -c, --config CONFDIR     configuration directory (default: the bundled @f2b/config tree)
  --now EPOCH              the current time, to infer missing years (default: the real time)
  --no-date                the lines carry no time stamp: each line's time is --now
  --json                   one JSON object per input line, in input order, on stdout
  --usedns MODE            yes, warn, no or raw (default raw: hosts as written, no DNS lookups)
  --print-all-missed       list every missed line (default: up to 20)
  --print-all-ignored      list every ignored line (default: up to 20)
  --print-all-matched      list every matched line
  --max-line-length N      cut longer lines to N characters (default 8192)
  --logtimezone ZONE       time zone of dates written without one (default: TZ)
  -h, --help               this help

Exit status: 0 done; 2 a bad option, filter, regex or file (one line on stderr); 1 a bug.`;

const USEDNS: readonly UseDns[] = ['yes', 'warn', 'no', 'raw'];

/** Parses argv (without node and script); throws UsageError with a one-line message. */
export function parseRegexArgs(argv: readonly string[]): RegexArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        now: { type: 'string' },
        'no-date': { type: 'boolean' },
        json: { type: 'boolean' },
        usedns: { type: 'string' },
        'max-line-length': { type: 'string' },
        'print-all-missed': { type: 'boolean' },
        'print-all-ignored': { type: 'boolean' },
        'print-all-matched': { type: 'boolean' },
        logtimezone: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`f2b-regex: ${(err as Error).message.split('\n')[0] as string}`);
  }
  const v = parsed.values;
  if (v.help) return { ...defaults(), help: true };
  const [log, filter, ignoreRegex, ...extra] = parsed.positionals;
  if (log === undefined || filter === undefined) throw new UsageError('f2b-regex: LOG and FILTER are required (see --help)');
  if (extra.length > 0) throw new UsageError(`f2b-regex: unexpected argument '${extra[0] as string}'`);
  const now = v.now === undefined ? null : Number(v.now);
  if (now !== null && !Number.isFinite(now)) throw new UsageError(`f2b-regex: --now '${v.now as string}' is not a number of seconds`);
  const useDns = (v.usedns ?? 'raw') as UseDns;
  if (!USEDNS.includes(useDns)) throw new UsageError(`f2b-regex: --usedns '${v.usedns as string}' (expected ${USEDNS.join(', ')})`);
  const maxLineLength = v['max-line-length'] === undefined ? DEFAULT_MAX_LINE_LENGTH : Number(v['max-line-length']);
  if (!Number.isInteger(maxLineLength) || maxLineLength < 1) {
    throw new UsageError(`f2b-regex: --max-line-length '${v['max-line-length'] as string}' is not a positive integer`);
  }
  return {
    ...defaults(v.config ?? bundledConfigDir()),
    log, filter, ignoreRegex: ignoreRegex ?? null,
    now, noDate: v['no-date'] ?? false, json: v.json ?? false, useDns, maxLineLength,
    printAllMissed: v['print-all-missed'] ?? false,
    printAllIgnored: v['print-all-ignored'] ?? false,
    printAllMatched: v['print-all-matched'] ?? false,
    logTimezone: v.logtimezone ?? null,
  };
}

/** `confDir`: the bundled tree unless `-c` names one (looked up only when needed, see bundledConfigDir). */
function defaults(confDir = bundledConfigDir()): RegexArgs {
  return {
    log: '', filter: '', ignoreRegex: null, confDir, now: null, noDate: false, json: false,
    useDns: 'raw', maxLineLength: DEFAULT_MAX_LINE_LENGTH, printAllMissed: false, printAllIgnored: false, printAllMatched: false,
    logTimezone: null, help: false,
  };
}
