/** @module _pyre-escapes: JavaScript (`u` flag) spellings of Python `re` character classes and literals. */

/** Python's Unicode `\w`: letters, numbers (str.isalnum) and underscore. */
export const WORD_SET = '\\p{L}\\p{N}_';
/** Python's Unicode `\s` (str.isspace), which differs from JavaScript's `\s` (no U+FEFF, adds U+001C–U+001F, U+0085). */
export const SPACE_SET = '\\t-\\r\\u{1c}-\\u{20}\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200a}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}';
/** Python's Unicode `\d`: decimal digits of any script. */
export const DIGIT_SET = '\\p{Nd}';

const WORD_CLASS = `[${WORD_SET}]`;

/** The set behind a class escape (`d`, `w`, `s`, any case) and whether the escape negates it. */
export function readClassEscape(letter: string, ascii: boolean): { set: string; negated: boolean } | null {
  const lower = letter.toLowerCase();
  const sets: Record<string, string> = ascii
    ? { d: '0-9', w: 'A-Za-z0-9_', s: '\\t-\\r ' }
    : { d: DIGIT_SET, w: WORD_SET, s: SPACE_SET };
  const set = sets[lower];
  if (set === undefined) return null;
  return { set, negated: letter !== lower };
}

/**
 * Each Unicode set cut down to ASCII: on text without other characters it answers exactly as the
 * full set (note U+001C–U+001F in `\s`), and V8 compiles it far faster than `\p{…}`.
 */
const ASCII_TEXT_SETS: readonly (readonly [string, string])[] = [
  [SPACE_SET, '\\t-\\r\\u{1c}-\\u{20}'],
  [WORD_SET, 'A-Za-z0-9_'],
  [DIGIT_SET, '0-9'],
];

/**
 * A translated pattern for text with only ASCII characters: the same pattern with every Unicode set
 * replaced by its ASCII part, or null when a `\p{…}` would be left. Plain text replacement is safe
 * because translation escapes every literal `{`, so `\p{` and `\u{` only ever start escapes it
 * wrote itself; and swapping any set for its ASCII part changes nothing on ASCII text.
 */
export function spellForAsciiText(source: string): string | null {
  let out = source;
  for (const [set, ascii] of ASCII_TEXT_SETS) out = out.split(set).join(ascii);
  return out.includes('\\p{') ? null : out;
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
