/** @module restart-test: stop in the middle of a file, append, start again — nothing lost, nothing repeated. */
import { appendFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { MemoryPositionStore, type Backend, type LogLine } from '@f2b/filter-backends';
import { FILE_BACKENDS, makeCollector, sleep } from './_helpers.js';

const numbered = (from: number, to: number): string => {
  let text = '';
  for (let i = from; i < to; i++) text += `entry ${i} from 192.0.2.${i % 250}\n`;
  return text;
};

describe.each(FILE_BACKENDS)('restart: $name', ({ create }) => {
  let tree: TempTree;
  let backend: Backend | undefined;
  afterEach(async () => {
    await backend?.stop();
    tree?.remove();
  });

  it('resumes exactly after the last delivered line when stopped mid-file', async () => {
    tree = makeTempTree();
    const file = tree.path('auth.log');
    writeFileSync(file, numbered(0, 30_000));
    const positions = new MemoryPositionStore();
    const first: LogLine[] = [];
    let stopping: Promise<void> | undefined;
    backend = create({
      logpaths: [file],
      positions,
      onLines: (batch) => {
        first.push(...batch);
        // Stop from inside the first delivery: the file is far from read (it spans several chunks).
        stopping ??= backend!.stop();
      },
    });
    await backend.start();
    await stopping;
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(30_000);
    expect(positions.get(file)?.pos).toBe(first.at(-1)!.offset! + Buffer.byteLength(`${first.at(-1)!.line}\n`));

    appendFileSync(file, numbered(30_000, 30_500));
    const second = makeCollector();
    backend = create({ logpaths: [file], positions, onLines: second.onLines });
    await backend.start();
    await second.waitFor(30_500 - first.length);
    await sleep(30);
    const all = [...first, ...second.lines].map((l) => l.line);
    expect(all.length).toBe(30_500);
    expect(all.join('\n') + '\n').toBe(numbered(0, 30_500));
  });
});
