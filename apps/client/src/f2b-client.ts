#!/usr/bin/env node
/** @module f2b-client: command-line client of f2b-server, with fail2ban-client's grammar and flags. */
import { runClient } from './client/run.js';

// A closed pipe (`f2b-client -d | head`) ends output quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const status = await runClient(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  stdin: process.stdin,
  terminal: process.stdin.isTTY === true,
});
// Let pending output drain before leaving: exitCode instead of exit().
process.exitCode = status;
