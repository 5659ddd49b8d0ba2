#!/usr/bin/env node
/** @module f2b-regex: tests a Fail2Ban filter against a log file or line (like fail2ban-regex). */
import { runRegexCli } from './_regex-cli.js';

process.exitCode = await runRegexCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
