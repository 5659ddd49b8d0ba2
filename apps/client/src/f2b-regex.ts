/** @module f2b-regex: tests a Fail2Ban filter against a log file or line (like fail2ban-regex). */
// Bundled as CommonJS (scripts/bundle.mjs) and started by dist/f2b-regex.cjs, so no top-level await.
// runRegexCli turns every error into an exit status; anything it lets through (a bug outside it)
// rejects unhandled, which Node prints with its stack and exits 1 — as the top-level await did.
import { runRegexCli } from './_regex-cli.js';
import { createStderr, createStdout, endCommand } from './_stdio.js';

void runRegexCli(process.argv.slice(2), { stdout: createStdout(), stderr: createStderr() }).then(endCommand);
