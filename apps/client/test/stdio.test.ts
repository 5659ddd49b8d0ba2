/** @module stdio.test: f2b-regex's standard output written with plain writes, and its fallback to process.stdout. */
import { afterEach, describe, expect, it, vi } from 'vitest';

const writeSync = vi.fn<(fd: number, buffer: Buffer, offset: number, length: number) => number>();
vi.mock('node:fs', async (original) => ({ ...(await original<typeof import('node:fs')>()), writeSync }));
const { createStdout } = await import('../src/_stdio.js');

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: test`), { code });

afterEach(() => {
  writeSync.mockReset();
  vi.restoreAllMocks();
});

describe('createStdout', () => {
  it('writes every byte to fd 1, in order, across partial writes', () => {
    const written: string[] = [];
    writeSync.mockImplementation((fd, buffer, offset, length) => {
      const n = Math.min(length, 3);
      written.push(`${fd}:${buffer.toString('utf8', offset, offset + n)}`);
      return n;
    });
    const out = createStdout();
    out.write('abcdefg');
    out.write('h');
    expect(written).toEqual(['1:abc', '1:def', '1:g', '1:h']);
  });

  it('hands the rest and every later write to process.stdout after EAGAIN (a non-blocking descriptor)', () => {
    const streamed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      streamed.push(Buffer.from(chunk).toString());
      return true;
    });
    writeSync.mockImplementationOnce(() => 2).mockImplementationOnce(() => { throw errno('EAGAIN'); });
    const out = createStdout();
    out.write('abcdef');
    out.write('gh');
    expect(streamed).toEqual(['cdef', 'gh']);
    expect(writeSync).toHaveBeenCalledTimes(2);
  });

  it('stops quietly (exit 0) when the reader closed the pipe, and with one line and exit 1 on other errors', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => { throw new Error('exited'); }) as never);
    const errors: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { errors.push(String(chunk)); return true; });
    writeSync.mockImplementation(() => { throw errno('EPIPE'); });
    expect(() => createStdout().write('x')).toThrow('exited');
    expect(exit).toHaveBeenLastCalledWith(0);
    expect(errors).toEqual([]);
    writeSync.mockImplementation(() => { throw errno('EIO'); });
    expect(() => createStdout().write('x')).toThrow('exited');
    expect(exit).toHaveBeenLastCalledWith(1);
    expect(errors).toEqual(['f2b-regex: standard output: EIO: test\n']);
  });
});
