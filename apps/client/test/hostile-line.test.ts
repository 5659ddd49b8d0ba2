/** @module hostile-line.test: the built f2b-regex bin on a 50 MB log that is one line with no newline. */
// Spawns the BUILT bin (the suite runs after `pnpm build`), as a user runs it. Issue 19 asks for
// this log to take under 1 s and under 100 MB of RSS: the memory bound is asserted as asked; the
// time bound is a generous 5 s (the guide forbids tight wall-clock asserts on shared machines; the
// unbounded reader took 14 s and 394 MB here, the capped one about 0.1 s and Node's base RSS).
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { makeTempTree } from '@f2b/test-utils';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'f2b-regex.cjs');
const CONFIG = resolve(dirname(BIN), '..', '..', '..', 'packages', 'config');
const BYTES = 50_000_000;

const tree = makeTempTree({}, 'f2b-test-i19-hostile-');
afterAll(() => tree.remove());

/** Writes `bytes` of 'a' without a newline, 1 MiB at a time (the test itself keeps no 50 MB string). */
function writeOneLine(path: string, bytes: number): void {
  const block = Buffer.alloc(1 << 20, 'a');
  const fd = openSync(path, 'w');
  try {
    for (let left = bytes; left > 0; left -= block.length) writeSync(fd, block, 0, Math.min(left, block.length));
  } finally {
    closeSync(fd);
  }
}

describe('f2b-regex on a 50 MB line without newline', () => {
  it('cuts it before any work: bounded RSS and time, and a report that names its length', () => {
    const log = join(tree.dir, 'one-line.log');
    writeOneLine(log, BYTES);
    // The child writes its peak RSS at exit (a preload through NODE_OPTIONS, which the bin passes on).
    const rssFile = join(tree.dir, 'rss');
    const preload = join(tree.dir, 'rss.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
    const start = performance.now();
    const r = spawnSync(BIN, [log, 'sshd', '-c', CONFIG], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `--require ${preload}` },
      maxBuffer: 1 << 20,
    });
    const seconds = (performance.now() - start) / 1000;
    const rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
    console.log(`50 MB one-line log: ${seconds.toFixed(2)} s, peak RSS ${rssMiB.toFixed(0)} MiB`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(rssMiB).toBeLessThan(100);
    expect(seconds).toBeLessThan(5);
    expect(r.stdout).toContain('Lines: 1 lines, 0 ignored, 0 matched, 1 missed');
    expect(r.stdout).toContain('[1 line(s) longer than 8192 characters were cut before matching]');
    expect(r.stdout).toContain(`|  ${'a'.repeat(100)}... [line of 50,000,000 bytes, cut to 8192 characters]\n`);
    // The whole report is small: the line is never printed whole.
    expect(r.stdout.length).toBeLessThan(2000);
  });
});
