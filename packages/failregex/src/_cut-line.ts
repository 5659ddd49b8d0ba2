/** @module _cut-line: reads a line as if its date span were cut out and a newline appended, without building that text. */

// A filter runs its regexes on the line without its date, newline-terminated (joinLineBuffer).
// On an access log the date is mid-line, so that text is a new string per line, built before any
// prefilter could rule the line out. These functions answer the prefilters' questions (first
// character, prefix, required literal) on the raw line with [start, end) skipped instead.
// "The cut line" below is `line.slice(0, start) + line.slice(end) + '\n'`.

const NEWLINE = 10;

/** The code unit at `i` of the cut line (NaN past its end). */
export function cutCharCode(line: string, start: number, end: number, i: number): number {
  if (i < start) return line.charCodeAt(i);
  const j = i - start + end;
  if (j < line.length) return line.charCodeAt(j);
  return j === line.length ? NEWLINE : Number.NaN;
}

/** Whether the cut line starts with `prefix`. */
export function cutStartsWith(line: string, start: number, end: number, prefix: string): boolean {
  if (prefix.length > start + line.length - end + 1) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (cutCharCode(line, start, end, i) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Whether the cut line may contain `literal`: true when an occurrence lies wholly before `start`,
 * wholly at or after `end`, or spans the junction of the two parts; also (to be safe, never
 * exact) for a literal with a newline, which could end on the appended one.
 */
export function cutIncludes(line: string, start: number, end: number, literal: string): boolean {
  if (literal.includes('\n')) return true;
  const first = line.indexOf(literal);
  if (first < 0) return spansJunction(line, start, end, literal);
  if (first + literal.length <= start || first >= end) return true;
  if (line.indexOf(literal, end) >= 0) return true;
  return spansJunction(line, start, end, literal);
}

/** Whether `literal` occurs in the cut line across `start` (part before the date, part after), by char compares. */
function spansJunction(line: string, start: number, end: number, literal: string): boolean {
  if (start === 0 || end >= line.length) return false;
  const before = line.charCodeAt(start - 1);
  const after = line.charCodeAt(end);
  // k: how many of the literal's characters come before the junction
  for (let k = 1; k < literal.length; k++) {
    if (literal.charCodeAt(k - 1) !== before || literal.charCodeAt(k) !== after) continue;
    if (k > start || literal.length - k > line.length - end) continue;
    if (sameChars(line, start - k, literal, 0, k) && sameChars(line, end, literal, k, literal.length)) return true;
  }
  return false;
}

/** Whether `line` from `at` holds `literal`'s code units [from, to) (no slice: nothing allocated per line). */
function sameChars(line: string, at: number, literal: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (line.charCodeAt(at + i - from) !== literal.charCodeAt(i)) return false;
  return true;
}

/**
 * The pairs of adjacent code units in any of `texts` (as `a * 0x10000 + b`), or null when a text
 * has a newline: a text found in neither part of the cut line can only be in it across the
 * junction, and then the pair (last code unit before it, first after it) is one of these.
 */
export function adjacentPairs(texts: readonly string[]): ReadonlySet<number> | null {
  const pairs = new Set<number>();
  for (const text of texts) {
    if (text.includes('\n')) return null;
    for (let i = 1; i < text.length; i++) pairs.add(text.charCodeAt(i - 1) * 0x10000 + text.charCodeAt(i));
  }
  return pairs;
}

/** The pair of code units that meet at the cut line's junction (see adjacentPairs), or -1 when there is no junction. */
export function junctionPair(line: string, start: number, end: number): number {
  if (start === 0 || end >= line.length) return -1;
  return line.charCodeAt(start - 1) * 0x10000 + line.charCodeAt(end);
}

/** Texts read from their last code unit back (see endsWithTail). */
export interface ReverseTrie {
  readonly next: Map<number, ReverseTrie>;
  terminal: boolean;
}

export function buildReverseTrie(texts: readonly string[]): ReverseTrie {
  const root: ReverseTrie = { next: new Map(), terminal: false };
  for (const text of texts) {
    let node = root;
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      let child = node.next.get(c);
      if (child === undefined) node.next.set(c, (child = { next: new Map(), terminal: false }));
      node = child;
    }
    node.terminal = true;
  }
  return root;
}

/** How every match of a regex ends the text (see findAlternativesAtEnd). */
export interface TextEnd {
  /** The alternatives' trailing texts. */
  readonly trie: ReverseTrie;
  /** The literal text after them. */
  readonly suffix: string;
  /** Any run of Python whitespace may come last. */
  readonly spaceAtEnd: boolean;
}

/**
 * Whether the first `length` code units of the cut line (see cutCharCode) end with one of the
 * trie's texts and then the suffix, at their end or before a final newline (Python's `$`), or
 * before their closing run of whitespace (`spaceAtEnd`). A whole text: `line` with
 * start = end = length = its length.
 */
export function endsWithTail(line: string, start: number, end: number, length: number, tail: TextEnd): boolean {
  const { suffix, trie } = tail;
  if (tail.spaceAtEnd) {
    let to = length;
    while (to > 0 && isPythonSpace(cutCharCode(line, start, end, to - 1))) to--;
    return endsWithTailAt(line, start, end, to, suffix, trie);
  }
  if (endsWithTailAt(line, start, end, length, suffix, trie)) return true;
  return length > 0 && cutCharCode(line, start, end, length - 1) === NEWLINE && endsWithTailAt(line, start, end, length - 1, suffix, trie);
}

/** Whether a code unit is in Python's `\s` for text (SPACE_SET: every one a single code unit). */
export function isPythonSpace(code: number): boolean {
  if (code <= 0x20) return code >= 0x1c || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a)
    || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

function endsWithTailAt(line: string, start: number, end: number, to: number, suffix: string, trie: ReverseTrie): boolean {
  const from = to - suffix.length;
  if (from < 0) return false;
  for (let k = 0; k < suffix.length; k++) if (cutCharCode(line, start, end, from + k) !== suffix.charCodeAt(k)) return false;
  let node = trie;
  for (let i = from - 1; i >= 0; i--) {
    const next = node.next.get(cutCharCode(line, start, end, i));
    if (next === undefined) return false;
    if (next.terminal) return true;
    node = next;
  }
  return false;
}
