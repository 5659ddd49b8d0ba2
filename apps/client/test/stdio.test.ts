/** @module stdio.test: f2b-regex's standard output written with plain writes, and its fallback to process.stdout. */
import { afterEach, describe, expect, it, vi } from 'vitest';

const writeSync = vi.fn<(fd: number, buffer: Buffer, offset: number, length: number) => number>();
vi.mock('node:fs', async (original) => ({ ...(await original<typeof import('node:fs')>()), writeSync }));
const { createStderr, createStdout, endCommand } = await import('../src/_stdio.js');

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: test`), { code });

afterEach(() => {
  writeSync.mockReset();
  vi.restoreAllMocks();
  process.exitCode = undefined;
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

describe('endCommand', () => {
  // One module instance serves the tests below in order: the first sees no stream used yet.
  it('exits at once with the code when every write went straight to its descriptor', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    writeSync.mockImplementation((_fd, _buffer, _offset, length) => length);
    createStdout().write('report');
    endCommand(3);
    expect(exit).toHaveBeenCalledWith(3);
    expect(process.exitCode).toBe(3);
  });

  it('leaves the exit to the event loop while a stream it fell back to still holds bytes', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    writeSync.mockImplementation(() => { throw errno('EAGAIN'); });
    createStdout().write('queued');
    const queued = vi.spyOn(process.stdout, 'writableLength', 'get').mockReturnValue(6);
    endCommand(0);
    expect(exit).not.toHaveBeenCalled();
    expect(process.exitCode).toBe(0);
    queued.mockReturnValue(0);
    endCommand(0);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('waits for standard error too once something was written there', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(process.stdout, 'writableLength', 'get').mockReturnValue(0);
    createStderr().write('f2b-regex: one line\n');
    vi.spyOn(process.stderr, 'writableLength', 'get').mockReturnValue(20);
    endCommand(2);
    expect(exit).not.toHaveBeenCalled();
    expect(process.exitCode).toBe(2);
  });
});
