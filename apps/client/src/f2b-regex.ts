#!/usr/bin/env node
/** @module f2b-regex: tests a Fail2Ban filter against a log file or line (like fail2ban-regex). */
import cliProgress from 'cli-progress';
import { parseRegexArgs, REGEX_USAGE } from './_regex-args.js';
import { prepareRegexRun, runRegex, formatFailureJson, type RegexSinks } from './_regex-run.js';
import { formatRegexReport } from './_regex-report.js';
import { isUserError } from './errors.js';

/** Progress bars only pay off for big files. */
const PROGRESS_MIN_BYTES = 4 << 20;

async function main(argv: readonly string[]): Promise<number> {
  const args = parseRegexArgs(argv);
  if (args.help) { process.stdout.write(`${REGEX_USAGE}\n`); return 0; }
  const { filter, label } = prepareRegexRun(args);
  const sinks: { json?: RegexSinks['json']; progress?: RegexSinks['progress'] } = {};
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length > 0) { process.stdout.write(pending.join('')); pending = []; }
  };
  if (args.json) {
    sinks.json = (line, fails, ignored) => {
      pending.push(`${JSON.stringify({ line, fails: fails.map(formatFailureJson), ignored })}\n`);
      if (pending.length >= 512) flush();
    };
  } else if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'f2b-regex [{bar}] {percentage}% | {value}/{total} bytes' }, cliProgress.Presets.shades_classic);
    let active = false;
    sinks.progress = {
      start(total) { if (total >= PROGRESS_MIN_BYTES) { bar.start(total, 0); active = true; } },
      update(bytes) { if (active) bar.update(bytes); },
      stop() { if (active) bar.stop(); },
    };
  }
  const stats = await runRegex(args, filter, sinks);
  flush();
  if (!args.json) process.stdout.write(formatRegexReport(args, filter, label, stats));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (isUserError(err)) {
      process.stderr.write(`${err.message.split('\n')[0] as string}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`f2b-regex: this is a bug, please report it:\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
