/** @module _log-lines: reads a log file line by line in large chunks (no per-line allocation of streams). */
import { createReadStream } from 'node:fs';

/**
 * Calls `onLines` with each batch of complete lines (without `\n` or a trailing `\r`), in order,
 * and `onProgress` with the bytes read so far. Invalid UTF-8 becomes U+FFFD, as Fail2Ban's decoding
 * with `errors='replace'` does.
 */
export async function readLogLines(
  path: string,
  onLines: (lines: string[]) => void | Promise<void>,
  onProgress?: (bytes: number) => void,
): Promise<void> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop() as string;
    await onLines(lines.map(stripCarriageReturn));
    onProgress?.(bytes);
  }
  rest += decoder.decode();
  if (rest !== '') await onLines([stripCarriageReturn(rest)]);
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
