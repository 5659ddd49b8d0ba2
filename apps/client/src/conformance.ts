#!/usr/bin/env node
/** @module conformance: `pnpm conformance` — replays Fail2Ban's sample logs through f2b's filters and reports passed/total. */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FAIL2BAN_LOGS_DIR, runConformance } from './_conformance-run.js';
import { isUserError, UsageError } from './errors.js';
import { bundledConfigDir } from './_bundled-config.js';

const USAGE = `usage: conformance [-c CONFDIR] [--logs DIR] [--only NAME]... [--min PASSED]

Without -c and --logs, two suites run: Debian's Fail2Ban filters (/etc/fail2ban) against Fail2Ban's
own sample logs, and f2b's bundled filters (packages/config) against their sample logs.
--min is the bar for the first suite; the bundled suite must pass completely.`;

/** f2b's bundled configuration tree (@f2b/config: packages/config in the repo). */
const BUNDLED_CONFIG = bundledConfigDir();

interface Suite {
  readonly title: string;
  readonly confDir: string;
  readonly logsDir: string;
  /** Checks that must pass; Infinity: all. */
  readonly min: number;
  readonly checkGreed: boolean;
}

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
  const suites: Suite[] =
    values.config !== undefined || values.logs !== undefined
      ? [{ title: '', confDir: values.config ?? '/etc/fail2ban', logsDir: values.logs ?? FAIL2BAN_LOGS_DIR, min, checkGreed: values.config !== undefined && values.config !== '/etc/fail2ban' }]
      : [
          ...(existsSync(FAIL2BAN_LOGS_DIR) ? [{ title: "Debian's Fail2Ban filters and samples", confDir: '/etc/fail2ban', logsDir: FAIL2BAN_LOGS_DIR, min, checkGreed: false }] : []),
          { title: "f2b's bundled filters and samples", confDir: BUNDLED_CONFIG, logsDir: join(BUNDLED_CONFIG, 'test', 'logs'), min: Infinity, checkGreed: true },
        ];
  if (suites.length === 1 && suites[0]!.title !== '' && suites[0]!.confDir === BUNDLED_CONFIG) {
    process.stdout.write(`(Fail2Ban's sample logs are not installed here: ${FAIL2BAN_LOGS_DIR}; apt-get install fail2ban)\n`);
  }
  let status = 0;
  for (const suite of suites) status = Math.max(status, runSuite(suite, values.only));
  return status;
}

function runSuite(suite: Suite, only: readonly string[] | undefined): number {
  if (suite.title) process.stdout.write(`== ${suite.title}\n`);
  const result = runConformance({ confDir: suite.confDir, logsDir: suite.logsDir, checkGreed: suite.checkGreed, ...(only ? { only } : {}) });
  for (const f of result.failures) process.stdout.write(`FAIL ${f}\n`);
  process.stdout.write(`${result.passed}/${result.total} passed\n`);
  const bar = suite.min === Infinity ? result.total : suite.min;
  if (result.passed < bar) {
    process.stdout.write(`below the bar: ${result.passed} < ${bar}\n`);
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
