/** @module chars: one-character tests on log lines with Python's semantics. */

const ALNUM = /^[\p{L}\p{N}]$/u;

/** Char code at `i`, or -1 outside the line (Python's empty one-character slice). */
export function codeAt(line: string, i: number): number {
  return i >= 0 && i < line.length ? line.charCodeAt(i) : -1;
}

/** Python's `str.isalnum` for one character (false for none). */
export function isAlnum(code: number): boolean {
  if (code < 0) return false;
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  return ALNUM.test(String.fromCharCode(code));
}
