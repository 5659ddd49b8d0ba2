#!/usr/bin/env node
/** @module conformance: `pnpm conformance` — replays Fail2Ban's sample logs through f2b's filters and reports passed/total. */
import { parseArgs } from 'node:util';
import { FAIL2BAN_LOGS_DIR, runConformance } from './_conformance-run.js';
import { isUserError, UsageError } from './errors.js';

const USAGE = 'usage: conformance [-c CONFDIR] [--logs DIR] [--only NAME]... [--min PASSED]';

function main(argv: readonly string[]): number {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string', short: 'c' },
        logs: { type: 'string' },
        only: { type: 'string', multiple: true },
        min: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    throw new UsageError(`conformance: ${(err as Error).message.split('\n')[0] as string}`);
  }
  if (values.help) { process.stdout.write(`${USAGE}\n`); return 0; }
  const min = values.min === undefined ? 0 : Number(values.min);
  if (!Number.isInteger(min) || min < 0) throw new UsageError(`conformance: --min '${values.min as string}' is not a count of checks`);
  const result = runConformance({
    confDir: values.config ?? '/etc/fail2ban',
    logsDir: values.logs ?? FAIL2BAN_LOGS_DIR,
    ...(values.only ? { only: values.only } : {}),
  });
  for (const f of result.failures) process.stdout.write(`FAIL ${f}\n`);
  process.stdout.write(`${result.passed}/${result.total} passed\n`);
  if (result.passed < min) {
    process.stdout.write(`below the bar: ${result.passed} < ${min}\n`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (isUserError(err)) {
    process.stderr.write(`${err.message.split('\n')[0] as string}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`conformance: this is a bug:\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}
