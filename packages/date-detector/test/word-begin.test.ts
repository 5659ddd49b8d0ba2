/** @module word-begin.test: the word-start test before unanchored dates answers as Python's `(?=^|\b|\W)` at every position. */
import { describe, expect, it } from 'vitest';
import { WORD_BEGIN } from '../src/_pattern.js';
import { NON_WORD, WORD } from '../src/_translate.js';

// Python's test spelled alternative by alternative, as the templates had it: `^`, `\b` (both
// directions) and a lookahead for a non-word character.
const LITERAL = `(?:^|(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD})|(?=${NON_WORD}))`;

// Word and non-word characters of every kind the classes tell apart: ASCII, Latin-1 and other
// letters and digits, `_`, spaces, punctuation, a character outside the BMP, a lone surrogate.
const ALPHABET = ['a', 'Z', '5', '_', 'é', 'ß', '٣', 'Ⅻ', ' ', '\t', '-', '[', ':', '😀', '\ud800', '.'];

function holdsAt(source: string, flags: string, text: string, at: number): boolean {
  const sticky = new RegExp(source, `${flags}y`);
  sticky.lastIndex = at;
  return sticky.test(text);
}

/** Every text of up to `length` characters over ALPHABET, by a fixed pseudo-random walk. */
function* texts(count: number, length: number): Generator<string> {
  let seed = 12345;
  const next = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  yield '';
  for (const c of ALPHABET) yield c;
  for (let k = 0; k < count; k++) {
    let text = '';
    for (let n = 1 + next(length); n > 0; n--) text += ALPHABET[next(ALPHABET.length)] as string;
    yield text;
  }
}

describe('WORD_BEGIN', () => {
  for (const flags of ['u', 'iu', 'su']) {
    it(`agrees with the literal spelling at every position (flags ${flags})`, () => {
      let positions = 0;
      for (const text of texts(1500, 6)) {
        for (let at = 0; at <= text.length; at++) {
          expect({ text, at, holds: holdsAt(WORD_BEGIN, flags, text, at) }).toEqual({ text, at, holds: holdsAt(LITERAL, flags, text, at) });
          positions++;
        }
      }
      expect(positions).toBeGreaterThan(5000);
    });
  }

  it('holds where a date may start and fails inside a word', () => {
    expect(holdsAt(WORD_BEGIN, 'u', 'x 2026', 2)).toBe(true);
    expect(holdsAt(WORD_BEGIN, 'u', 'x2026', 1)).toBe(false);
    expect(holdsAt(WORD_BEGIN, 'u', 'é2026', 1)).toBe(false);
    // After a word, at the very end: Python's \b holds there; after a space it does not.
    expect(holdsAt(WORD_BEGIN, 'u', 'ab', 2)).toBe(true);
    expect(holdsAt(WORD_BEGIN, 'u', 'a ', 2)).toBe(false);
    expect(holdsAt(WORD_BEGIN, 'u', '', 0)).toBe(true);
  });
});
