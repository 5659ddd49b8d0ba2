// @f2b/server: the installed f2b-client starts the installed f2b-server (found beside it), which runs a jail and bans.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { F2bServer, VERSION } from '@f2b/server';

assert.equal(typeof F2bServer, 'function');
assert.match(VERSION, /^\d+\.\d+\.\d+/);

const dir = mkdtempSync(join(tmpdir(), 'f2b-consumer-server-'));
const conf = join(dir, 'conf');
const socket = join(dir, 'run', 'f2b.sock');
const client = (...args) => spawnSync(join('node_modules', '.bin', 'f2b-client'), ['-c', conf, '-s', socket, ...args], { encoding: 'utf8', timeout: 30_000 });
try {
  mkdirSync(join(conf, 'filter.d'), { recursive: true });
  mkdirSync(join(conf, 'action.d'));
  const authLog = join(dir, 'auth.log');
  const actionsLog = join(dir, 'actions.log');
  writeFileSync(authLog, '');
  writeFileSync(join(conf, 'fail2ban.conf'), `[Definition]\nloglevel = INFO\nlogtarget = ${join(dir, 'f2b.log')}\nsocket = ${socket}\npidfile = ${join(dir, 'run', 'f2b.pid')}\ndbfile = ${join(dir, 'f2b.sqlite3')}\n`);
  writeFileSync(join(conf, 'jail.conf'), `[DEFAULT]\nignoreself = false\n\n[t]\nenabled = true\nfilter = t\nlogpath = ${authLog}\nbackend = polling\nmaxretry = 2\nfindtime = 600\nbantime = 3600\naction = record\n`);
  writeFileSync(join(conf, 'filter.d', 't.conf'), '[Definition]\nfailregex = ^login failed from <HOST>$\ndatepattern = {NONE}\n');
  writeFileSync(join(conf, 'action.d', 'record.conf'), `[Definition]\nactionban = echo 'ban <ip>' >> '${actionsLog}'\nactionunban = echo 'unban <ip>' >> '${actionsLog}'\n`);

  const started = client('start');
  assert.equal(started.status, 0, `start: ${started.stderr}`);
  assert.match(client('ping').stdout, /pong/);
  appendFileSync(authLog, 'login failed from 192.0.2.7\nlogin failed from 192.0.2.7\n');
  const until = Date.now() + 15_000;
  while (!(existsSync(actionsLog) && readFileSync(actionsLog, 'utf8').includes('ban 192.0.2.7')) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(readFileSync(actionsLog, 'utf8'), 'ban 192.0.2.7\n');
  assert.match(client('status', 't').stdout, /Banned IP list:\s+192\.0\.2\.7/);
  assert.equal(client('stop').status, 0);
  assert.equal(existsSync(socket), false);

  const root = dirname(createRequire(import.meta.url).resolve('@f2b/server/package.json'));
  for (const page of ['dist/man/f2b-server.8', 'dist/man/jail.conf.5']) assert.ok(existsSync(join(root, page)), `${page} is not installed`);
  assert.match(execFileSync(join('node_modules', '.bin', 'f2b-server'), ['-h'], { encoding: 'utf8' }), /^Usage: f2b-server/);
} finally {
  spawnSync(join('node_modules', '.bin', 'f2b-client'), ['-s', socket, 'stop'], { timeout: 10_000 });
  rmSync(dir, { recursive: true, force: true });
}
