#!/usr/bin/env node
/**
 * @module demo: f2b-server on the bundled config, plus a pretend attacker writing failed logins
 * into the demo jail's log, so a newcomer sees a ban (and its unban) within a minute.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '@f2b/config-reader';

const here = dirname(fileURLToPath(import.meta.url));
const confDir = process.argv[2] ?? join(here, '..', '..', '..', 'packages', 'config');
const demo = readConfig(confDir).jails.find((j) => j.name === 'demo');
if (!demo || demo.logpath.length === 0) {
  console.error(`f2b demo: ${confDir} has no enabled [demo] jail with a logpath`);
  process.exit(2);
}
const log = demo.logpath[0]!.path;
mkdirSync(dirname(log), { recursive: true });
appendFileSync(log, '');

const server = spawn(process.execPath, [join(here, 'f2b-server.js'), '-f', '-x', '-c', confDir], { stdio: 'inherit' });
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));

// Documentation addresses (RFC 5737): two attackers take turns, one every two seconds.
const attackers = ['192.0.2.7', '198.51.100.23'];
const users = ['root', 'admin', 'oracle', 'test'];
let n = 0;
console.log(`f2b demo: writing failed logins to ${log}; the [demo] jail bans after ${demo.maxretry} (Ctrl-C stops)`);
setInterval(() => {
  const stamp = localStamp(new Date());
  const line = `${stamp} demo-login: failed password for ${users[n % users.length]} from ${attackers[n % attackers.length]}\n`;
  appendFileSync(log, line);
  n++;
}, 2000).unref();

/** `YYYY-MM-DD HH:MM:SS` in local time, as a program writing its own log would. */
function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
