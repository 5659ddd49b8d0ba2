/** @module pyinotify-test: file events alone (no safety poll) drive delivery, rotation included. */
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { checkPyinotifyAvailable, createPyinotifyBackend, type Backend } from '@f2b/filter-backends';
import { makeCollector } from './_helpers.js';

const unavailable = checkPyinotifyAvailable();
if (unavailable) console.log(`skipping pyinotify event tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('pyinotify events', () => {
  let tree: TempTree;
  let backend: Backend | undefined;
  afterEach(async () => {
    await backend?.stop();
    tree?.remove();
  });

  it('delivers appends and follows a rename rotation with the safety poll effectively off', async () => {
    tree = makeTempTree({ 'a.log': '' });
    const file = tree.path('a.log');
    const c = makeCollector();
    // One hour between safety polls: within the test only file events can wake the reader.
    backend = createPyinotifyBackend({ logpaths: [file], onLines: c.onLines, onError: c.onError, interval: 3_600_000 });
    await backend.start();
    appendFileSync(file, 'one\n');
    await c.waitFor(1);
    appendFileSync(file, 'two\n');
    renameSync(file, `${file}.1`);
    writeFileSync(file, 'three\n');
    await c.waitFor(3);
    expect(c.texts()).toEqual(['one', 'two', 'three']);
    expect(c.errors).toEqual([]);
  });
});
