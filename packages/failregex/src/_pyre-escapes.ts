/** @module _pyre-escapes: JavaScript (`u` flag) spellings of Python `re` character classes and literals. */

/** Python's Unicode `\w`: letters, numbers (str.isalnum) and underscore. */
export const WORD_SET = '\\p{L}\\p{N}_';
/** Python's Unicode `\s` (str.isspace), which differs from JavaScript's `\s` (no U+FEFF, adds U+001C–U+001F, U+0085). */
export const SPACE_SET = '\\t-\\r\\u{1c}-\\u{20}\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200a}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}';
/** Python's Unicode `\d`: decimal digits of any script. */
export const DIGIT_SET = '\\p{Nd}';

const WORD_CLASS = `[${WORD_SET}]`;

const UNICODE_SETS: Readonly<Record<string, string>> = { d: DIGIT_SET, w: WORD_SET, s: SPACE_SET };
/** Python's ASCII flag `(?a)`. */
const PYTHON_ASCII_SETS: Readonly<Record<string, string>> = { d: '0-9', w: 'A-Za-z0-9_', s: '\\t-\\r ' };
/**
 * The Unicode sets cut down to ASCII: on text without other characters they answer exactly as the
 * Unicode ones (note U+001C–U+001F in `\s`), and V8 compiles them far faster than `\p{…}`.
 */
const ASCII_TEXT_SETS: Readonly<Record<string, string>> = { d: '0-9', w: 'A-Za-z0-9_', s: '\\t-\\r\\u{1c}-\\u{20}' };

/**
 * The set behind a class escape (`d`, `w`, `s`, any case) and whether the escape negates it.
 * `ascii`: Python's `(?a)` flag; `asciiText`: the pattern will only ever see ASCII text.
 */
export function readClassEscape(letter: string, ascii: boolean, asciiText = false): { set: string; negated: boolean } | null {
  const lower = letter.toLowerCase();
  const sets = ascii ? PYTHON_ASCII_SETS : asciiText ? ASCII_TEXT_SETS : UNICODE_SETS;
  const set = sets[lower];
  if (set === undefined) return null;
  return { set, negated: letter !== lower };
}

/** Python's Unicode word boundary, spelled with lookarounds because JavaScript's `\b` is ASCII-only. */
export function spellWordBoundary(negated: boolean, ascii: boolean): string {
  const w = ascii ? '[A-Za-z0-9_]' : WORD_CLASS;
  return negated ? `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))` : `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
}

/** Simple escapes that mean one character in Python. */
export const CHAR_ESCAPES: Readonly<Record<string, number>> = {
  a: 7, f: 12, n: 10, r: 13, t: 9, v: 11,
};

// Characters a `u`-mode pattern accepts escaped (identity escapes of anything else are errors).
const SYNTAX = new Set('^$\\.*+?()[]{}|/');
const CLASS_PUNCT = new Set('^$\\.*+?()[]{}|/-');

/** One code point as a JavaScript pattern literal outside a class. */
export function spellLiteral(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (SYNTAX.has(ch)) return `\\${ch}`;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) return `\\u{${cp.toString(16)}}`;
  return ch;
}

/** One code point as a literal inside a `u`-mode class. */
export function spellClassLiteral(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (CLASS_PUNCT.has(ch)) return `\\${ch}`;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) return `\\u{${cp.toString(16)}}`;
  return ch;
}

/** The other-case forms of a code point (for scoped `(?i:…)`, which JavaScript 20 cannot scope). */
export function listCaseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const out = new Set<number>([cp]);
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    if ([...v].length === 1) out.add(v.codePointAt(0) as number);
  }
  return [...out];
}
