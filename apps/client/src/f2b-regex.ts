/** @module f2b-regex: tests a Fail2Ban filter against a log file or line (like fail2ban-regex). */
// Bundled as CommonJS (scripts/bundle.mjs) and started by dist/f2b-regex.cjs, so no top-level await.
// runRegexCli turns every error into an exit status; anything it lets through (a bug outside it)
// rejects unhandled, which Node prints with its stack and exits 1 — as the top-level await did.
import { runRegexCli } from './_regex-cli.js';

// A reader that stops early (`f2b-regex --json … | head`) closes the pipe: stop quietly, as text filters do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`f2b-regex: standard output: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});

void runRegexCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
