// @f2b/filter-backends: read a log once, then follow it with the polling backend.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, MemoryPositionStore, readLogLines } from '@f2b/filter-backends';

const dir = mkdtempSync(join(tmpdir(), 'f2b-consumer-logs-'));
try {
  const log = join(dir, 'auth.log');
  writeFileSync(log, 'first line\nsecond line\n');
  const read = [];
  for await (const { line } of readLogLines(log)) read.push(line);
  assert.deepEqual(read, ['first line', 'second line']);

  const seen = [];
  const positions = new MemoryPositionStore();
  const backend = createBackend('polling', { logpaths: [{ path: log, start: 'head' }], positions, onLines: (lines) => seen.push(...lines.map((l) => l.line)) });
  await backend.start();
  appendFileSync(log, 'third line\npartial');
  const until = Date.now() + 10_000;
  while (seen.length < 3 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  await backend.stop();
  assert.deepEqual(seen, ['first line', 'second line', 'third line']);
  assert.equal(positions.get(log)?.pos, 'first line\nsecond line\nthird line\n'.length);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
