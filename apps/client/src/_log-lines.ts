/** @module _log-lines: reads a log file line by line in 64 KiB chunks (no per-line allocation of streams). */
import { closeSync, openSync, readSync } from 'node:fs';
import { isAscii } from 'node:buffer';

/**
 * Lines handed over per call. Small batches keep few lines alive at a time, so each young-generation
 * garbage collection has little to copy (one batch per 1 MiB chunk made GC a fifth of the run time).
 */
const BATCH_LINES = 256;

/** Bytes read at a time. */
const CHUNK_BYTES = 1 << 16;

/**
 * Calls `onLines` with each batch of complete lines (without `\n`, unless `keepNewline`, or a trailing `\r`), in order,
 * and `onProgress` with the bytes read so far. A line still without its newline after more than
 * `maxLineLength` characters (default: no cap) is cut: `onLines` gets it alone, as its first
 * `maxLineLength` characters with no newline, and `cutBytes` = the line's whole length in bytes (0 for
 * every other batch); the rest of it is skipped without being decoded or kept, so one endless line
 * costs a read of the file and the memory of one chunk. Lines that end within a chunk are passed on
 * whole (the filter cuts them). Invalid UTF-8 becomes U+FFFD, as Fail2Ban's decoding
 * with `errors='replace'` does. `ascii` is true when every line of the batch has only ASCII
 * characters (known from checking the bytes a chunk at a time), false when that is not known.
 */
export async function readLogLines(
  path: string,
  onLines: (lines: string[], ascii: boolean, cutBytes: number) => void | Promise<void>,
  onProgress?: (bytes: number) => void,
  options: { keepNewline?: boolean; maxLineLength?: number } = {},
): Promise<void> {
  // With keepNewline each line keeps its `\n` (a CR before it still goes; a last line may have
  // none): a filter can then match the line without copying it (@f2b/failregex `terminated`).
  const end = options.keepNewline ? 1 : 0;
  const strip = options.keepNewline ? stripCarriageReturnKeepingNewline : stripCarriageReturn;
  // 64 KiB chunks: each chunk's text stays an ordinary young string and dies young. With 1 MiB
  // chunks the texts were large objects, promoted while in use, and GC took three times as long.
  // Plain synchronous reads: a read stream's promises and ticks, and the waits between its
  // reads, were a few percent of an f2b-regex run, and nothing else runs meanwhile.
  const cap = options.maxLineLength ?? Infinity;
  const fd = openSync(path, 'r');
  // Made at the first non-ASCII chunk: constructing a TextDecoder costs ~4 ms of start-up (its
  // converter), and most logs are ASCII throughout.
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let rest = '';
  let restAscii = true;
  // Bytes of the file that `rest` (the line not yet ended) came from.
  let restBytes = 0;
  // Inside a cut line: `cutLine` is what is kept of it, `cutBytes` its length so far.
  let cutLine: string | null = null;
  let cutAscii = true;
  let cutBytes = 0;
  let shared: Buffer | undefined;
  // The last chunk went through the decoder (see the read below).
  let decoded = false;
  let bytes = 0;
  let midCharacter = false;
  let chunks = 0;
  try {
    for (;;) {
      // One buffer serves every read while nothing keeps a view of it: latin1 strings made from it are
      // copies, and a skipped cut line is only searched. After a chunk went through the streaming
      // decoder (which may keep a view of its last bytes) the next read takes a fresh buffer. A fresh
      // 64 KiB buffer per read made V8 collect garbage for its external memory about once per MiB.
      const chunk = decoded ? Buffer.allocUnsafe(CHUNK_BYTES) : (shared ??= Buffer.allocUnsafe(CHUNK_BYTES));
      if (decoded) { shared = chunk; decoded = false; }
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      let data = n === CHUNK_BYTES ? chunk : chunk.subarray(0, n);
      bytes += n;
      if (cutLine !== null) {
        // Skipping the rest of a cut line: only its newline is looked for, nothing is decoded.
        const nl = data.indexOf(10);
        if (nl < 0) {
          cutBytes += n;
          data = data.subarray(n);
        } else {
          cutBytes += nl > 0 && data[nl - 1] === 13 ? nl - 1 : nl;
          const pending = onLines([cutLine], cutAscii, cutBytes);
          if (pending) await pending;
          cutLine = null;
          data = data.subarray(nl + 1);
          // Bytes of a character cut by the skip are gone with it: start decoding afresh.
          decoder = null;
          midCharacter = false;
        }
      }
      if (data.length > 0) {
        // Pure-ASCII chunks (most logs) decode as latin1, a plain copy, unless the decoder holds the
        // start of a character split across chunks (only possible after a non-ASCII chunk).
        const ascii: boolean = !midCharacter && isAscii(data);
        let pieces: Piece[];
        if (ascii) {
          pieces = [[data.toString('latin1'), true]];
        } else {
          decoded = true;
          pieces = decodePieces(data, (decoder ??= new TextDecoder('utf-8')), midCharacter);
        }
        midCharacter = !ascii && endsMidCharacter(data);
        let batch: string[] = [];
        let batchAscii = true;
        for (const [piece, pieceAscii] of pieces) {
          // Most logs have no CR at all: one search per piece instead of one check per line.
          const hasCr = piece.includes('\r');
          let from = 0;
          for (let nl = piece.indexOf('\n'); nl >= 0; nl = piece.indexOf('\n', from)) {
            let line = piece.slice(from, nl + end);
            let lineAscii = pieceAscii;
            if (from === 0 && rest !== '') {
              // The line the last piece (or chunk) left unfinished; its CR may sit just before this newline.
              line = strip(rest + line);
              lineAscii = pieceAscii && restAscii;
              rest = '';
              restAscii = true;
            } else if (hasCr) {
              line = strip(line);
            }
            from = nl + 1;
            // A batch is ASCII or not as a whole: a line of the other kind starts a new one.
            if (lineAscii !== batchAscii && batch.length > 0) {
              const pending = onLines(batch, batchAscii, 0);
              if (pending) await pending;
              batch = [];
            }
            batchAscii = lineAscii;
            batch.push(line);
            if (batch.length === BATCH_LINES) {
              const pending = onLines(batch, batchAscii, 0);
              if (pending) await pending;
              batch = [];
            }
          }
          if (from < piece.length) {
            rest += piece.slice(from);
            restAscii = restAscii && pieceAscii;
          }
        }
        const lastNl = data.lastIndexOf(10);
        restBytes = lastNl < 0 ? restBytes + data.length : data.length - lastNl - 1;
        // A line cut by the chunk's end: one short look keeps the next chunk's batches on the ASCII path.
        if (!restAscii) restAscii = !NON_ASCII.test(rest);
        if (batch.length > 0) {
          const pending = onLines(batch, batchAscii, 0);
          if (pending) await pending;
        }
        if (rest.length > cap) {
          // A line longer than the cap and not ended yet: keep its start, skip the rest.
          cutLine = rest.slice(0, cap);
          cutAscii = restAscii;
          cutBytes = restBytes;
          rest = '';
          restBytes = 0;
          restAscii = true;
        }
      }
      if (onProgress) {
        onProgress(bytes);
        // Let timers run now and then (a progress bar redraws from one); about once per MiB.
        if ((++chunks & 15) === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    closeSync(fd);
  }
  if (cutLine !== null) {
    // A cut line the file ends in (its last byte may be a CR, as for any last line).
    await onLines([cutLine], cutAscii, cutBytes);
    return;
  }
  const flushed = decoder === null ? '' : decoder.decode();
  rest += flushed;
  if (rest !== '') await onLines([stripCarriageReturn(rest)], restAscii && flushed === '', 0);
}

const NON_ASCII = /[^\u0000-\u007f]/;

/** Decoded text of a chunk, and whether it is known to hold only ASCII characters. */
type Piece = [text: string, ascii: boolean];

/**
 * A chunk that has non-ASCII bytes, as pieces whose texts join to its decoded text: runs of ASCII
 * lines as latin1 copies, and each line with a non-ASCII byte (or the unfinished line the chunk ends
 * in) through the streaming `decoder`, which also first finishes a character the last chunk split
 * when `midCharacter`.
 */
// Why: decoded whole, one Cyrillic or CJK user name made the chunk's ~350 lines two-byte strings in
// a non-ASCII batch: every line was then checked for ASCII, and every regex ran on two-byte text
// (an sshd log with one such line in a thousand took 30% longer).
function decodePieces(data: Buffer, decoder: InstanceType<typeof TextDecoder>, midCharacter: boolean): Piece[] {
  const pieces: Piece[] = [];
  const n = data.length;
  let p = 0;
  if (midCharacter) {
    // After a newline the decoder holds nothing (an unfinished character before it became U+FFFD).
    const nl = data.indexOf(10);
    p = nl < 0 ? n : nl + 1;
    pieces.push([decoder.decode(data.subarray(0, p), { stream: true }), false]);
  }
  while (p < n) {
    const at = firstNonAscii(data, p, n);
    if (at < 0) {
      pieces.push([data.toString('latin1', p, n), true]);
      break;
    }
    const start = Math.max(p, data.lastIndexOf(10, at) + 1);
    if (start > p) pieces.push([data.toString('latin1', p, start), true]);
    const nl = data.indexOf(10, at);
    p = nl < 0 ? n : nl + 1;
    pieces.push([decoder.decode(data.subarray(start, p), { stream: true }), false]);
  }
  return pieces;
}

/** Index of the first byte of `data` in [from, to) that is not ASCII, or -1: halves the span with isAscii (SIMD) rather than looking at each byte. */
function firstNonAscii(data: Buffer, from: number, to: number): number {
  if (isAscii(data.subarray(from, to))) return -1;
  let lo = from;
  let hi = to;
  while (hi - lo > 64) {
    const mid = (lo + hi) >>> 1;
    if (isAscii(data.subarray(lo, mid))) lo = mid;
    else hi = mid;
  }
  for (let k = lo; k < hi; k++) if ((data[k] as number) >= 0x80) return k;
  return -1;
}

/**
 * True when the chunk may end inside a UTF-8 sequence (the decoder then holds its first bytes):
 * its last lead byte starts a sequence longer than the bytes after it. Unsure cases say true.
 */
function endsMidCharacter(chunk: Buffer): boolean {
  for (let i = chunk.length - 1, n = 1; i >= 0 && n <= 4; i--, n++) {
    const c = chunk[i] as number;
    if (c < 0x80) return false;
    if (c >= 0xc0) return n < (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2);
  }
  return true;
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function stripCarriageReturnKeepingNewline(line: string): string {
  return line.endsWith('\r\n') ? `${line.slice(0, -2)}\n` : line;
}
