/** @module contract-test: one contract suite run against every file backend (the journal has no files to rotate: systemd.test.ts covers its part). */
import { appendFileSync, mkdirSync, renameSync, truncateSync, unlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { MemoryPositionStore, NoLogFilesError, type Backend, type FileBackendOptions } from '@f2b/filter-backends';
import { FILE_BACKENDS, makeCollector, sleep } from './_helpers.js';

describe.each(FILE_BACKENDS)('file backend $name', ({ create }) => {
  let tree: TempTree;
  let backend: Backend | undefined;
  const collector = () => makeCollector();

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
    tree?.remove();
  });

  async function startOn(options: Partial<FileBackendOptions> & { logpaths: FileBackendOptions['logpaths'] }) {
    const c = collector();
    backend = create({ onLines: c.onLines, onError: c.onError, ...options });
    await backend.start();
    return c;
  }

  it('delivers existing and appended lines in order, with byte offsets', async () => {
    tree = makeTempTree({ 'a.log': 'one\ntwo\n' });
    const c = await startOn({ logpaths: [tree.path('a.log')] });
    await c.waitFor(2);
    appendFileSync(tree.path('a.log'), 'three\n');
    await c.waitFor(3);
    expect(c.texts()).toEqual(['one', 'two', 'three']);
    expect(c.lines.map((l) => l.offset)).toEqual([0, 4, 8]);
    expect(c.lines[0]!.path).toBe(tree.path('a.log'));
  });

  it('reads no further while a sink holds a batch back, and marks the batch that caught up with the file', async () => {
    // Bigger than any read chunk, so the file takes several reads.
    const line = `${'x'.repeat(99)}\n`;
    const count = 30_000;
    tree = makeTempTree({ 'big.log': line.repeat(count) });
    const batches: { size: number; caughtUp: boolean | undefined }[] = [];
    let release: (() => void) | null = null;
    let received = 0;
    backend = create({
      logpaths: [tree.path('big.log')],
      onLines: (lines, caughtUp) => {
        batches.push({ size: lines.length, caughtUp });
        received += lines.length;
        // The first batch is held until the test lets it go.
        if (batches.length === 1) return new Promise<void>((resolve) => { release = resolve; });
        return undefined;
      },
    });
    // start() resolves once the file's lines went through the sink: it waits for the held batch too.
    const started = backend.start();
    const deadline = Date.now() + 10_000;
    while (release === null && Date.now() < deadline) await sleep(5);
    await sleep(100);
    expect(batches).toHaveLength(1);
    expect(received).toBeLessThan(count);
    (release as unknown as () => void)();
    await started;
    expect(received).toBe(count);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.slice(0, -1).every((b) => b.caughtUp === false)).toBe(true);
    expect(batches.at(-1)?.caughtUp).toBe(true);
  });

  it('holds a partial last line until its newline arrives', async () => {
    tree = makeTempTree({ 'a.log': 'first\nhalf' });
    const c = await startOn({ logpaths: [tree.path('a.log')] });
    await c.waitFor(1);
    await sleep(60);
    expect(c.texts()).toEqual(['first']);
    appendFileSync(tree.path('a.log'), ' done\r\n');
    await c.waitFor(2);
    expect(c.texts()).toEqual(['first', 'half done']);
  });

  it('starts at the end for a tail path and at the start for a head path', async () => {
    tree = makeTempTree({ 't.log': 'old1\nold2\n', 'h.log': 'h1\n' });
    const c = await startOn({ logpaths: [{ path: tree.path('t.log'), start: 'tail' }, { path: tree.path('h.log'), start: 'head' }] });
    await c.waitFor(1);
    appendFileSync(tree.path('t.log'), 'new\n');
    await c.waitFor(2);
    expect(c.texts().sort()).toEqual(['h1', 'new']);
  });

  it.each([
    ['rename + create', (p: string) => { renameSync(p, `${p}.1`); writeFileSync(p, ''); }],
    ['delete + recreate', (p: string) => { unlinkSync(p); writeFileSync(p, ''); }],
    ['copytruncate', (p: string) => { copyFileSync(p, `${p}.1`); truncateSync(p, 0); }],
  ])('keeps lines written just before a %s rotation and reads the new file from its start', async (_kind, rotate) => {
    tree = makeTempTree({ 'a.log': 'a1\n' });
    const file = tree.path('a.log');
    const c = await startOn({ logpaths: [file] });
    await c.waitFor(1);
    appendFileSync(file, 'a2\na3\n');
    rotate(file);
    appendFileSync(file, 'b1\nb2\n');
    await c.waitFor(5);
    await sleep(50);
    expect(c.texts()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
  });

  it('reads the start of a line written right after a truncation to zero', async () => {
    tree = makeTempTree({ 'a.log': 'a fairly long first line\n' });
    const file = tree.path('a.log');
    const c = await startOn({ logpaths: [file] });
    await c.waitFor(1);
    truncateSync(file, 0);
    appendFileSync(file, 'x\n');
    appendFileSync(file, 'second line after truncation\n');
    await c.waitFor(3);
    expect(c.texts()).toEqual(['a fairly long first line', 'x', 'second line after truncation']);
  });

  it('notices a file rewritten in place to a larger size', async () => {
    tree = makeTempTree({ 'a.log': 'a1\n' });
    const file = tree.path('a.log');
    const c = await startOn({ logpaths: [file] });
    await c.waitFor(1);
    writeFileSync(file, 'replacement line one\nreplacement line two\n');
    await c.waitFor(3);
    expect(c.texts()).toEqual(['a1', 'replacement line one', 'replacement line two']);
  });

  it('refuses to start without any log file unless skipIfNoLogs', async () => {
    tree = makeTempTree();
    const missing = tree.path('missing.log');
    const c = collector();
    const strict = create({ onLines: c.onLines, logpaths: [missing], jail: 'sshd' });
    await expect(strict.start()).rejects.toThrow(new NoLogFilesError([missing], { jail: 'sshd' }).message);
    await expect(strict.start()).rejects.toMatchObject({ code: 'F2B_NO_LOG_FILES' });
  });

  it('follows a missing file from its start once it appears, without a restart', async () => {
    tree = makeTempTree();
    const file = tree.path('late/app.log');
    const c = await startOn({ logpaths: [{ path: file, start: 'tail' }], skipIfNoLogs: true });
    await sleep(30);
    mkdirSync(tree.path('late'));
    writeFileSync(file, 'born\n');
    await backend!.checkNow!();
    await c.waitFor(1, 5000);
    expect(c.texts()).toEqual(['born']);
  });

  it('expands globs at start and picks up new matches on reload', async () => {
    tree = makeTempTree({ 'x-1.log': 'one\n', 'x-2.log': 'two\n', 'y.log': 'not matched\n' });
    const c = await startOn({ logpaths: [tree.path('x-*.log')] });
    await c.waitFor(2);
    expect(backend!.files!()).toEqual([tree.path('x-1.log'), tree.path('x-2.log')]);
    writeFileSync(tree.path('x-3.log'), 'three\n');
    await backend!.reload!();
    await c.waitFor(3);
    expect(c.texts().sort()).toEqual(['one', 'three', 'two']);
  });

  it('decodes per logencoding and replaces invalid bytes without failing', async () => {
    tree = makeTempTree();
    writeFileSync(tree.path('l.log'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(tree.path('u.log'), Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9, 0x0a, 0xff, 0xfe, 0x0a]));
    const latin = await startOn({ logpaths: [tree.path('l.log')], encoding: 'latin-1' });
    await latin.waitFor(1);
    expect(latin.texts()).toEqual(['café']);
    await backend!.stop();
    const utf = await startOn({ logpaths: [tree.path('u.log')], encoding: 'utf-8' });
    await utf.waitFor(2);
    expect(utf.texts()).toEqual(['café', '\ufffd\ufffd']);
  });

  it('cuts an endless line at maxLineLength instead of buffering it', async () => {
    tree = makeTempTree({ 'a.log': '' });
    const file = tree.path('a.log');
    const c = await startOn({ logpaths: [file], maxLineLength: 100 });
    appendFileSync(file, 'A'.repeat(5000));
    await c.waitFor(1);
    appendFileSync(file, 'B'.repeat(5000) + '\nnext\n');
    await c.waitFor(2);
    expect(c.texts()).toEqual(['A'.repeat(100), 'next']);
  });

  it('resumes after a restart without losing or repeating a line', async () => {
    tree = makeTempTree({ 'a.log': 'l1\nl2\n' });
    const file = tree.path('a.log');
    const positions = new MemoryPositionStore();
    const first = await startOn({ logpaths: [file], positions });
    await first.waitFor(2);
    appendFileSync(file, 'l3\npartial');
    await first.waitFor(3);
    await backend!.stop();
    expect(positions.get(file)?.pos).toBe(9);
    appendFileSync(file, ' line\nl5\n');
    const second = await startOn({ logpaths: [{ path: file, start: 'tail' }], positions });
    await second.waitFor(2);
    await sleep(30);
    expect([...first.texts(), ...second.texts()]).toEqual(['l1', 'l2', 'l3', 'partial line', 'l5']);
  });

  it('reads a file that was rotated while stopped from its start', async () => {
    tree = makeTempTree({ 'a.log': 'old1\nold2\n' });
    const file = tree.path('a.log');
    const positions = new MemoryPositionStore();
    const first = await startOn({ logpaths: [file], positions });
    await first.waitFor(2);
    await backend!.stop();
    renameSync(file, `${file}.1`);
    writeFileSync(file, 'new1\nnew2\nnew3\n');
    const second = await startOn({ logpaths: [file], positions });
    await second.waitFor(3);
    expect(second.texts()).toEqual(['new1', 'new2', 'new3']);
  });
});
