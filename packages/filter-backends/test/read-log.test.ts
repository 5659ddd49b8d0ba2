/** @module read-log-test: reading a file once, line splitting, encodings, globs. */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { expandGlob, hashFirstLine, readLogLines, UnsupportedEncodingError } from '@f2b/filter-backends';

let tree: TempTree;
afterEach(() => tree?.remove());

async function readAll(path: string, options: Parameters<typeof readLogLines>[1] = {}) {
  const out: { line: string; offset: number }[] = [];
  for await (const { line, offset } of readLogLines(path, options)) out.push({ line, offset });
  return out;
}

describe('readLogLines', () => {
  it.each([false, true])('yields each line with its byte offset, including a last line without newline (shareChunk %s)', async (shareChunk) => {
    tree = makeTempTree({ 'a.log': 'ünï\r\nsecond\nlast' });
    expect(await readAll(tree.path('a.log'), { shareChunk })).toEqual([
      { line: 'ünï', offset: 0 },
      { line: 'second', offset: 7 },
      { line: 'last', offset: 14 },
    ]);
    expect(await readAll(tree.path('a.log'), { partialLastLine: false, from: 7 })).toEqual([{ line: 'second', offset: 7 }]);
  });

  it.each([false, true])('reads across chunk boundaries and cuts overlong lines (shareChunk %s)', async (shareChunk) => {
    tree = makeTempTree();
    const lines = Array.from({ length: 50_000 }, (_, i) => `line ${i} ${'y'.repeat(i % 50)}\r`);
    const text = `${lines.join('\n')}\n${'z'.repeat(3000)}\nend\n${'w'.repeat(2_500_000)}\nlast\n`;
    writeFileSync(tree.path('big.log'), text);
    const got = await readAll(tree.path('big.log'), { maxLineLength: 1000, shareChunk });
    expect(got.map((l) => l.line)).toEqual([...lines.map((l) => l.slice(0, -1)), 'z'.repeat(1000), 'end', 'w'.repeat(1000), 'last']);
    expect(got.at(-1)!.offset).toBe(text.length - 5);
  });

  it.each([
    ['latin-1', [0x61, 0xe9, 0x0a], 'aé'],
    ['utf-8', [0x61, 0xc3, 0xa9, 0x0a], 'aé'],
    ['utf-8', [0x61, 0xe9, 0x0a], 'a\ufffd'],
    ['auto', [0x61, 0xc3, 0xa9, 0x0a, 0x62, 0xe9, 0x0a], 'aé|bé'],
    ['iso-8859-15', [0xa4, 0x0a], '€'],
  ])('decodes %s bytes %j as %s', async (encoding, bytes, expected) => {
    tree = makeTempTree();
    writeFileSync(tree.path('e.log'), Buffer.from(bytes));
    expect((await readAll(tree.path('e.log'), { encoding })).map((l) => l.line).join('|')).toBe(expected);
  });

  it.each(['utf-16', 'klingon'])('rejects the encoding %s', async (encoding) => {
    tree = makeTempTree({ 'e.log': 'x\n' });
    await expect(readAll(tree.path('e.log'), { encoding })).rejects.toThrow(
      new UnsupportedEncodingError(encoding).message,
    );
  });
});

describe('expandGlob', () => {
  it('matches files by *, ? and [..] in any segment, sorted, skipping dot files and directories', async () => {
    tree = makeTempTree({ 'a/x1.log': '', 'a/x2.log': '', 'b/x3.log': '', 'a/.x4.log': '', 'a/x5.txt': '', 'c/xz.log/inner': '' });
    expect(await expandGlob(tree.path('*/x?.log'))).toEqual([tree.path('a/x1.log'), tree.path('a/x2.log'), tree.path('b/x3.log')]);
    expect(await expandGlob(tree.path('a/x[!1].log'))).toEqual([tree.path('a/x2.log')]);
    expect(await expandGlob(tree.path('a/x1.log'))).toEqual([tree.path('a/x1.log')]);
    expect(await expandGlob(tree.path('nothing/*.log'))).toEqual([]);
  });
});

describe('hashFirstLine', () => {
  it('is the md5 hex of the first line bytes', () => {
    expect(hashFirstLine(Buffer.from('hello\n'))).toBe('b1946ac92492d2347c6235b4d2611184');
  });
});
