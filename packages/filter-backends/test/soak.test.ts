/** @module soak-test: a busy writer with mixed rotations; every line must arrive exactly once, in order. */
import { closeSync, copyFileSync, ftruncateSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { createBackend, createPollingBackend, type Backend, type FileBackendOptions } from '@f2b/filter-backends';
import { makeCollector } from './_helpers.js';

const TOTAL = 100_000;
const BURST = 250;
const ROTATIONS = ['rename', 'copytruncate', 'delete', 'truncate', 'rename', 'copytruncate', 'delete', 'truncate', 'rename', 'copytruncate'] as const;

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
// The writer is paced like a busy logger (bursts every millisecond or so): a writer that never yields would starve
// the reader, which shares this thread, until a copytruncate hits a file the reader has not seen a byte of — and what
// nobody has seen cannot be told apart from nothing.
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

/** Small deterministic generator, so a failure can be replayed. */
function makeRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Where the delivered sequence numbers jump or repeat, for a readable failure. */
function describeGaps(lines: readonly string[]): string {
  const gaps: string[] = [];
  let previous = -1;
  for (const line of lines) {
    const n = Number(line.split(' ')[1]);
    if (n !== previous + 1) gaps.push(`${previous}->${n}`);
    previous = n;
  }
  return gaps.slice(0, 10).join(', ') || 'none';
}

const BACKENDS: readonly { name: string; create: (o: FileBackendOptions) => Backend }[] = [
  { name: 'polling', create: (o) => createPollingBackend({ interval: 5, ...o }) },
  { name: 'auto', create: (o) => createBackend('auto', { interval: 1000, ...o }) },
];

describe.each(BACKENDS)('soak: $name', ({ create }) => {
  let tree: TempTree;
  let backend: Backend | undefined;
  afterEach(async () => {
    await backend?.stop();
    tree?.remove();
  });

  it(`delivers ${TOTAL} lines exactly once, in order, across ${ROTATIONS.length} mixed rotations`, { timeout: 60_000 }, async () => {
    tree = makeTempTree({ 'app.log': '' });
    const file = tree.path('app.log');
    const collector = makeCollector();
    backend = create({ logpaths: [file], onLines: collector.onLines, onError: collector.onError });
    await backend.start();

    const random = makeRandom(42);
    const expected: string[] = [];
    let fd = openSync(file, 'a');
    let rotation = 0;
    // Lines written before the latest rotation: the current file starts after them.
    let rotatedAt = 0;
    const every = TOTAL / (ROTATIONS.length + 1);
    for (let written = 0; written < TOTAL; ) {
      let burst = '';
      for (let i = 0; i < BURST && written < TOTAL; i++, written++) {
        const line = `line ${written} ${'x'.repeat(Math.floor(random() * 120))}`;
        expected.push(line);
        burst += `${line}\n`;
      }
      // Split the burst mid-line so the reader sees partial lines.
      const cut = Math.floor(random() * burst.length);
      writeSync(fd, burst.slice(0, cut));
      await nextTick();
      writeSync(fd, burst.slice(cut));
      await pause();
      if (rotation < ROTATIONS.length && written >= every * (rotation + 1)) {
        const kind = ROTATIONS[rotation]!;
        rotation++;
        const waitForReader = async (count: number) =>
          collector.waitFor(count, 20_000).catch((error: Error) => {
            throw new Error(`${error.message}; gaps: ${describeGaps(collector.texts())}`);
          });
        if (kind === 'rename') {
          closeSync(fd);
          renameSync(file, `${file}.${rotation}`);
          fd = openSync(file, 'a');
        } else if (kind === 'delete') {
          closeSync(fd);
          unlinkSync(file);
          fd = openSync(file, 'a');
        } else if (kind === 'copytruncate') {
          // The copy can only be matched to a file the reader has opened: on a loaded machine the
          // writer can outrun a poll cycle, so let the reader see the current file's first line.
          await waitForReader(rotatedAt + 1);
          copyFileSync(file, `${file}.${rotation}`);
          ftruncateSync(fd, 0);
        } else {
          // Truncating destroys unread bytes for every reader, so only truncate once they were read; then write at once.
          await waitForReader(expected.length);
          ftruncateSync(fd, 0);
        }
        rotatedAt = expected.length;
      }
    }
    closeSync(fd);
    expect(rotation).toBe(ROTATIONS.length);
    await collector.waitFor(TOTAL, 20_000).catch((error: Error) => {
      throw new Error(`${error.message}; gaps: ${describeGaps(collector.texts())}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const got = collector.texts();
    const firstWrong = got.findIndex((line, i) => line !== expected[i]);
    expect({ firstWrong, got: got.length, errors: collector.errors.map(String) }).toEqual({ firstWrong: -1, got: TOTAL, errors: [] });
  });
});
