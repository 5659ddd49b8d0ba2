// @f2b/client: the installed bins (f2b-regex on the bundled @f2b/config tree, f2b-client), its API, and its man pages.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runRegexCli } from '@f2b/client';

const bin = (name) => join('node_modules', '.bin', name);
const line = 'Aug 14 11:58:01 srv sshd[9]: Failed password for invalid user admin from 192.0.2.7 port 4242 ssh2';
const out = execFileSync(bin('f2b-regex'), ['--json', '--now', '1124013600', line, 'sshd'], { encoding: 'utf8' });
const [result] = out.trim().split('\n').map((text) => JSON.parse(text));
assert.equal(result.fails[0]?.host, '192.0.2.7');
assert.equal(result.fails[0]?.user, 'admin');

const bad = spawnSync(bin('f2b-regex'), [line, 'nosuchfilter'], { encoding: 'utf8' });
assert.equal(bad.status, 2);
assert.equal(bad.stderr.trim().split('\n').length, 1);

assert.match(execFileSync(bin('f2b-client'), ['-h'], { encoding: 'utf8' }), /^Usage: f2b-client/);
assert.match(execFileSync(bin('f2b-client'), ['-V'], { encoding: 'utf8' }), /^f2b-client \d+\.\d+\.\d+/);
const down = spawnSync(bin('f2b-client'), ['-s', '/nonexistent/f2b.sock', 'ping'], { encoding: 'utf8' });
assert.equal(down.status, 255);

let written = '';
const code = await runRegexCli(['--json', '--now', '1124013600', line, 'sshd'], { stdout: { write: (t) => (written += t) }, stderr: { write: () => {} } });
assert.equal(code, 0);
assert.equal(JSON.parse(written).fails[0].host, '192.0.2.7');

const root = dirname(createRequire(import.meta.url).resolve('@f2b/client/package.json'));
for (const page of ['dist/man/f2b-client.1', 'dist/man/f2b-regex.1']) assert.ok(existsSync(join(root, page)), `${page} is not installed`);
