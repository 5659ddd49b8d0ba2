import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempTree } from '@f2b/test-utils';
import { readLogLines } from '../src/_log-lines.js';

const NON_ASCII = /[^\u0000-\u007f]/;

/** The batches read from `bytes`, each with its `ascii` flag, checking that the flag never lies. */
async function readBatches(bytes: Buffer, keepNewline = false, maxLineLength?: number): Promise<{ lines: string[]; ascii: boolean; cutBytes: number }[]> {
  const tree = makeTempTree({});
  const path = join(tree.dir, 'log');
  writeFileSync(path, bytes);
  const batches: { lines: string[]; ascii: boolean; cutBytes: number }[] = [];
  const options = maxLineLength === undefined ? { keepNewline } : { keepNewline, maxLineLength };
  await readLogLines(path, (lines, ascii, cutBytes) => { batches.push({ lines: [...lines], ascii, cutBytes }); }, undefined, options);
  for (const { lines, ascii } of batches) if (ascii) expect(lines.filter((l) => NON_ASCII.test(l))).toEqual([]);
  return batches;
}

async function readAll(bytes: Buffer, keepNewline = false): Promise<string[]> {
  return (await readBatches(bytes, keepNewline)).flatMap((b) => b.lines);
}

describe('readLogLines', () => {
  it('keeps each newline when asked (CRs still go; the last line has none when the file has none)', async () => {
    const chunk = 1 << 16;
    const long = 'l'.repeat(chunk + 10);
    const text = `one\r\ntwo\n\n${long}\nlast\r`;
    expect(await readAll(Buffer.from(text), true)).toEqual(['one\n', 'two\n', '\n', `${long}\n`, 'last']);
    expect(await readAll(Buffer.from(text))).toEqual(['one', 'two', '', long, 'last']);
  });

  it('decodes a character split across chunks, after and before pure-ASCII chunks', async () => {
    const chunk = 1 << 16;
    // ASCII chunk, then 'é' (2 bytes) starting on the last byte of the second chunk, then ASCII again.
    const head = `${'a'.repeat(chunk - 1)}\n${'b'.repeat(chunk - 1)}`;
    const tail = `${'c'.repeat(chunk)}\nend\r\n`;
    const lines = await readAll(Buffer.from(`${head}é${tail}`, 'utf8'));
    expect(lines).toEqual(['a'.repeat(chunk - 1), `${'b'.repeat(chunk - 1)}é${'c'.repeat(chunk)}`, 'end']);
  });

  it('turns invalid UTF-8 into U+FFFD', async () => {
    const lines = await readAll(Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from('\nlast')]));
    expect(lines).toEqual(['ok', 'bad \uFFFD\uFFFD', 'last']);
  });

  it('goes back to the ASCII path after a non-ASCII chunk without mixing up characters', async () => {
    const chunk = 1 << 16;
    const euro = '\u20ac'; // 3 bytes: the first chunk ends after its first two
    const first = `${'x'.repeat(chunk - 2)}`;
    const bytes = Buffer.from(`${first}${euro}\n${'y'.repeat(chunk)}\n${'z'.repeat(chunk)}é\n`, 'utf8');
    expect(await readAll(bytes)).toEqual([`${first}${euro}`, 'y'.repeat(chunk), `${'z'.repeat(chunk)}é`]);
  });

  it('flags batches of pure-ASCII chunks as ASCII, again after a non-ASCII chunk and its cut line', async () => {
    const chunk = 1 << 16;
    const ascii = (n: number): string => `${'a'.repeat(99)}\n`.repeat(n);
    // Chunk 1 ASCII; chunk 2 holds an é in a line that runs into chunk 3; chunk 4 is ASCII again.
    const text = `${ascii(chunk / 100)}${'q'.repeat(chunk - 50)}é${'r'.repeat(200)}\n${ascii((2 * chunk) / 100)}`;
    const batches = await readBatches(Buffer.from(text, 'utf8'));
    const flags = batches.map((b) => b.ascii);
    expect(flags[0]).toBe(true);
    expect(flags).toContain(false);
    expect(flags[flags.length - 1]).toBe(true);
    expect(batches.flatMap((b) => b.lines).filter((l) => l.includes('é'))).toHaveLength(1);
  });

  it('replaces a cut-off character at the end of a chunk in place, even when the next chunk is ASCII', async () => {
    const chunk = 1 << 16;
    const bytes = Buffer.concat([Buffer.from('b'.repeat(chunk - 1)), Buffer.from([0xc3]), Buffer.from(`${'c'.repeat(10)}\nend`)]);
    expect(await readAll(bytes)).toEqual([`${'b'.repeat(chunk - 1)}\uFFFD${'c'.repeat(10)}`, 'end']);
  });

  it('keeps the ASCII lines of a chunk with a few non-ASCII ones in ASCII batches, each such line in a batch of its own kind', async () => {
    const chunk = 1 << 16;
    const asciiLine = (k: number): string => `Mar  4 07:05:09 host sshd[${k}]: Invalid user admin from 192.0.2.${k % 250} port 22`;
    const lines: string[] = [];
    for (let k = 0; k < 3000; k++) lines.push(k % 700 === 350 ? `Mar  4 07:05:09 host sshd[${k}]: Invalid user администратор from 192.0.2.1 port 22` : asciiLine(k));
    const text = `${lines.join('\n')}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * chunk);
    const batches = await readBatches(Buffer.from(text, 'utf8'));
    expect(batches.flatMap((b) => b.lines)).toEqual(lines);
    const flagged = batches.filter((b) => !b.ascii).flatMap((b) => b.lines);
    expect(flagged).toEqual(lines.filter((l) => NON_ASCII.test(l)));
  });

  it('reads random mixes of ASCII, multi-byte, cut-off and invalid UTF-8 as one decode of the whole file would', async () => {
    const chunk = 1 << 16;
    const palette = [
      Buffer.from('abc xyz 123 '), Buffer.from('é'), Buffer.from('\u20ac'), Buffer.from('\u{1d11e}'), Buffer.from('\u4e2d\u6587'),
      Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from([0x80]), Buffer.from('\r'),
      // long runs, so that chunk ends fall inside characters too
      Buffer.from('é'.repeat(700)), Buffer.from('\u20ac'.repeat(500)), Buffer.from('\u{1d11e}'.repeat(300)),
    ];
    for (let seed = 1; seed <= 16; seed++) {
      let x = seed * 2654435761;
      const next = (n: number): number => { x = (x * 1103515245 + 12345) % 2147483648; return x % n; };
      const parts: Buffer[] = [];
      let size = 0;
      while (size < 3 * chunk + next(chunk)) {
        // Mostly plain lines; now and then one with other bytes, some long enough to cross a chunk's end.
        const pieces = next(4) === 0 ? 1 + next(12) : 0;
        const line: Buffer[] = [Buffer.from('x'.repeat(next(next(10) === 0 ? 3000 : 120)))];
        for (let k = 0; k < pieces; k++) line.push(palette[next(palette.length)] as Buffer);
        line.push(Buffer.from(next(5) === 0 ? '\r\n' : '\n'));
        const bytes = Buffer.concat(line);
        parts.push(bytes);
        size += bytes.length;
      }
      const file = Buffer.concat(parts);
      const whole = new TextDecoder('utf-8').decode(file).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
      if (whole[whole.length - 1] === '') whole.pop();
      expect(await readAll(file), `seed ${seed}`).toEqual(whole);
    }
  });

  describe('with maxLineLength', () => {
    const chunk = 1 << 16;
    /** Each line with the length in bytes it was cut from (0: not cut). */
    const cutRead = async (bytes: Buffer, cap: number, keepNewline = false): Promise<[string, number][]> =>
      (await readBatches(bytes, keepNewline, cap)).flatMap((b) => b.lines.map((l): [string, number] => [l, b.cutBytes]));

    it('cuts a line not ended within a chunk, skips the rest up to its newline, and goes on', async () => {
      const long = 'x'.repeat(3 * chunk + 5);
      const text = `first\n${long}\r\nnext\nlast`;
      expect(await cutRead(Buffer.from(text), 1000, true)).toEqual([
        ['first\n', 0], ['x'.repeat(1000), long.length], ['next\n', 0], ['last', 0],
      ]);
    });

    it('passes a long line that ends within its chunk on whole (the filter cuts it)', async () => {
      const long = 'y'.repeat(5000);
      expect(await cutRead(Buffer.from(`${long}\nz\n`), 1000)).toEqual([[long, 0], ['z', 0]]);
    });

    it('cuts a file that is one endless line, counting its bytes (multi-byte characters too)', async () => {
      const text = `${'é'.repeat(chunk)}${'a'.repeat(2 * chunk + 3)}`;
      const lines = await cutRead(Buffer.from(text, 'utf8'), 10);
      expect(lines).toEqual([['é'.repeat(10), Buffer.byteLength(text)]]);
    });

    it('decodes afresh after a cut line whose skipped part ended inside a character', async () => {
      // The chunk that holds the cut line's newline starts with the tail of a 3-byte character.
      const euro = Buffer.from('\u20ac');
      const bytes = Buffer.concat([Buffer.from('q'.repeat(chunk - 1)), euro, Buffer.from(`${'r'.repeat(chunk)}\nnext é\n`)]);
      const lines = await cutRead(bytes, 100);
      expect(lines).toEqual([['q'.repeat(100), 2 * chunk + 2], ['next é', 0]]);
    });
  });
});
