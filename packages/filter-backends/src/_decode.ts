/** @module decode: turn a line's bytes into text per `logencoding`; invalid bytes are replaced, never thrown. */
import { isUtf8 } from 'node:buffer';
import { UnsupportedEncodingError, type ConfigSource } from './errors.js';

/** Decodes `buffer[start, end)`. `asciiSame` marks encodings that read pure-ASCII bytes as ASCII (so a fast path may be used). */
export type LineDecoder = ((buffer: Buffer, start: number, end: number) => string) & { asciiSame?: boolean };

/** Node's undocumented direct slicers: `toString(encoding, …)` ends in them after argument checks that cost ~10% per line. */
interface FastSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}
const latin1 = (b: Buffer, s: number, e: number): string => (b as Buffer & FastSlices).latin1Slice(s, e);
const utf8 = (b: Buffer, s: number, e: number): string => (b as Buffer & FastSlices).utf8Slice(s, e);

/** Latin-1 decoding: for pure-ASCII bytes the cheapest exact decoder of every ASCII-compatible encoding. */
export const decodeLatin1: LineDecoder = latin1;

const markAscii = (decoder: LineDecoder): LineDecoder => Object.assign(decoder, { asciiSame: true });

const UTF8 = new Set(['utf-8', 'utf8']);
const LATIN1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1']);
// Encodings whose newline is not the single byte 0x0A cannot be split by byte scanning.
const WIDE = /^(utf-?16|utf-?32|ucs-?2|unicode)/;

/** Builds the decoder for a `logencoding` value; throws UnsupportedEncodingError for unknown or multi-byte-newline encodings. */
export function createLineDecoder(encoding = 'utf-8', source?: ConfigSource): LineDecoder {
  const name = encoding.trim().toLowerCase();
  if (UTF8.has(name)) return markAscii(utf8);
  if (LATIN1.has(name)) return decodeLatin1;
  if (name === 'auto') {
    // Valid UTF-8 is read as such; anything else is taken as latin-1 so no byte is lost to a replacement mark.
    return markAscii((b, s, e) => {
      const slice = b.subarray(s, e);
      return isUtf8(slice) ? utf8(b, s, e) : latin1(b, s, e);
    });
  }
  if (name === 'ascii' || name === 'us-ascii') return markAscii(utf8);
  if (WIDE.test(name)) throw new UnsupportedEncodingError(encoding, source);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(name, { fatal: false });
  } catch (error) {
    throw Object.assign(new UnsupportedEncodingError(encoding, source), { cause: error });
  }
  return (b, s, e) => decoder.decode(b.subarray(s, e));
}
