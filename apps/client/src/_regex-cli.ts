/** @module _regex-cli: f2b-regex's top level as a function (argv, output streams) → exit status, for the bin and tests. */
import { parseRegexArgs, REGEX_USAGE } from './_regex-args.js';
import { prepareRegexRun, runRegex, type RegexSinks } from './_regex-run.js';
import { formatFailureJson } from './_failure-json.js';
import { formatRegexReport } from './_regex-report.js';
import { isUserError } from './errors.js';

/** Where the command writes. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  /** `stream`: what a progress bar draws on, when `stderr` is not a stream itself. */
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean; readonly stream?: NodeJS.WritableStream };
}

/** Progress bars only pay off for big files. */
const PROGRESS_MIN_BYTES = 4 << 20;

/** Runs f2b-regex; returns 0 on success, 2 on a user error (one line on stderr), 1 on a bug. */
export async function runRegexCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await runChecked(argv, io);
  } catch (err) {
    if (isUserError(err)) {
      io.stderr.write(`${err.message.split('\n')[0] as string}\n`);
      return 2;
    }
    io.stderr.write(`f2b-regex: this is a bug, please report it:\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

async function runChecked(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseRegexArgs(argv);
  if (args.help) { io.stdout.write(`${REGEX_USAGE}\n`); return 0; }
  const { filter, label } = prepareRegexRun(args);
  const sinks: { json?: RegexSinks['json']; progress?: RegexSinks['progress'] } = {};
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length > 0) { io.stdout.write(pending.join('')); pending = []; }
  };
  if (args.json) {
    sinks.json = (line, fails, ignored) => {
      pending.push(`${JSON.stringify({ line, fails: fails.map(formatFailureJson), ignored })}\n`);
      if (pending.length >= 512) flush();
    };
  } else if (io.stderr.isTTY) {
    // Loaded only for a terminal: importing it costs about 50 ms of start-up.
    const { default: cliProgress } = await import('cli-progress');
    const bar = new cliProgress.SingleBar(
      { stream: io.stderr.stream ?? (io.stderr as NodeJS.WritableStream), format: 'f2b-regex [{bar}] {percentage}% | {value}/{total} bytes' },
      cliProgress.Presets.shades_classic,
    );
    let active = false;
    sinks.progress = {
      start(total) { if (total >= PROGRESS_MIN_BYTES) { bar.start(total, 0); active = true; } },
      update(bytes) { if (active) bar.update(bytes); },
      stop() { if (active) bar.stop(); },
    };
  }
  const stats = await runRegex(args, filter, sinks);
  flush();
  if (!args.json) io.stdout.write(formatRegexReport(args, filter, label, stats));
  return 0;
}
