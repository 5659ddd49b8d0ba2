/**
 * @module _stdio: f2b-regex's standard output and error, written without Node's stream objects
 * unless they are needed.
 */
// Why: f2b-regex is timed as a whole process, usually with its output piped (a bench, `| less`,
// `| grep`). Touching `process.stdout` or `process.stderr` on a pipe builds a net.Socket for it,
// and loading node:net costs ~2-4 ms of start-up: a tenth of f2b-regex's own start on a short log.
// Plain blocking writes to fd 1 do the same job. A descriptor its owner made non-blocking (EAGAIN)
// falls back to process.stdout, which waits for the pipe to drain, for this write and all later
// ones, so the order of the output is kept.
import { fstatSync, writeSync } from 'node:fs';

/** What the command writes its report and errors to (see CliIo). */
export interface TextSink {
  write(text: string): void;
}

/** The stream objects this module fell back to or wrote through, whose queued bytes an exit would drop. */
const streamsUsed: NodeJS.WriteStream[] = [];

/** Standard output: a reader that closed the pipe (`f2b-regex --json … | head`) stops the command quietly, as text filters do. */
export function createStdout(): TextSink {
  let stream: NodeJS.WriteStream | null = null;
  const useStream = (rest: Buffer): void => {
    if (stream === null) {
      stream = process.stdout;
      streamsUsed.push(stream);
      stream.on('error', (error: NodeJS.ErrnoException) => stopOnWriteError(error));
    }
    stream.write(rest);
  };
  return {
    write(text: string): void {
      const bytes = Buffer.from(text);
      if (stream !== null) { stream.write(bytes); return; }
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(1, bytes, done, bytes.length - done);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') stopOnWriteError(error as NodeJS.ErrnoException);
        useStream(bytes.subarray(done));
      }
    },
  };
}

function stopOnWriteError(error: NodeJS.ErrnoException): never {
  if (error.code !== 'EPIPE') process.stderr.write(`f2b-regex: standard output: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
}

/**
 * Standard error, through process.stderr (rarely written: a progress bar, one error line); `isTTY`
 * asks it only when fd 2 is a character device, since a pipe or file is never a terminal.
 */
export function createStderr(): TextSink & { readonly isTTY: boolean; readonly stream: NodeJS.WritableStream } {
  return {
    write(text: string): void {
      usedStderr().write(text);
    },
    get stream(): NodeJS.WritableStream {
      return usedStderr();
    },
    get isTTY(): boolean {
      let device = false;
      try {
        device = fstatSync(2).isCharacterDevice();
      } catch {
        // fd 2 closed: nothing to draw a progress bar on.
      }
      return device && process.stderr.isTTY === true;
    },
  };
}

/** process.stderr, noted as used (see endCommand). */
function usedStderr(): NodeJS.WriteStream {
  if (!streamsUsed.includes(process.stderr)) streamsUsed.push(process.stderr);
  return process.stderr;
}

/**
 * Ends the command with `code`: at once when every byte written has reached its descriptor, else
 * (a stream still holds queued bytes) when the event loop has nothing left to do.
 */
// Why: an exit that waits for the event loop first runs V8's pending tasks, and after a long log
// one of them finishes an incremental marking of the old generation: a full garbage collection,
// 5-10 ms after the report is already written, for a heap that is about to be thrown away.
export function endCommand(code: number): void {
  process.exitCode = code;
  if (streamsUsed.every((stream) => stream.writableLength === 0)) process.exit(code);
}
