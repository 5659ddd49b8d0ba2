/** @module _skip-table: which failregexes a line can match, told by its first character; and the ASCII check. */

const NON_ASCII = /[^\u0000-\u007f]/;

/** True when `text` has only ASCII characters. */
export function isAsciiText(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** Row of the skip table for a buffer's first code unit: its own for ASCII, one shared row for anything else (or none). */
export function skipSlot(code0: number): number {
  return Math.min(code0, 128);
}

/**
 * For each first code unit (a row, see skipSlot) and failregex index i, the smallest index >= i of
 * a failregex that may match a buffer starting with it (the regex count when none is left). A
 * failregex whose first characters are unknown (null) may match anything.
 */
export function buildSkipTable(firstChars: readonly (Uint8Array | null)[]): Uint8Array | Uint16Array {
  const count = firstChars.length;
  const table = count < 255 ? new Uint8Array(129 * (count + 1)) : new Uint16Array(129 * (count + 1));
  for (let slot = 0; slot <= 128; slot++) {
    let next = count;
    table[slot * (count + 1) + count] = count;
    for (let index = count - 1; index >= 0; index--) {
      const chars = firstChars[index] as Uint8Array | null;
      if (chars === null || (slot < 128 && chars[slot] === 1)) next = index;
      table[slot * (count + 1) + index] = next;
    }
  }
  return table;
}
