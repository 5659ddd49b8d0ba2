/** @module closed-pipe.test: the built f2b-regex bin writing to pipes: a reader that stops early (`f2b-regex --json … | head -1`), and no sockets built for them. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempTree } from '@f2b/test-utils';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'f2b-regex.cjs');
const tree = makeTempTree({}, 'f2b-test-closed-pipe-');
afterAll(() => tree.remove());

describe('f2b-regex writing to a pipe its reader closed', () => {
  it('stops quietly: exit 0 and nothing on stderr (no EPIPE stack trace)', async () => {
    const log = join(tree.dir, 'auth.log');
    const line = 'Dec  4 10:00:00 host sshd[1]: Failed password for root from 192.0.2.7 port 22 ssh2\n';
    writeFileSync(log, line.repeat(50_000));
    const child = spawn(BIN, ['--json', log, 'sshd'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read the first chunk, then close our end, as `head -1` does.
    await new Promise<void>((done) => child.stdout.once('data', () => done()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', (status) => done(status)));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('f2b-regex with its standard output and error piped', () => {
  it('writes its report without loading node:net (Node builds a socket for a piped process.stdout)', () => {
    // A probe loaded before the bin reports, at exit, whether node:net was ever loaded.
    const probe = join(tree.dir, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => require('node:fs').writeSync(3, String(process.moduleLoadList.includes('NativeModule net'))));\n");
    const log = join(tree.dir, 'one.log');
    writeFileSync(log, 'Dec  4 10:00:00 host sshd[1]: Invalid user x from 192.0.2.7 port 22\n');
    const r = spawnSync(BIN, [log, 'sshd'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `--require ${probe}` },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toContain('Lines: 1 lines, 0 ignored, 1 matched, 0 missed');
    expect(r.output[3]).toBe('false');
  });
});
