/** @module _pyre-scanner: reading Python `re` syntax — flags, character escapes and character classes. */
import { CHAR_ESCAPES, listCaseVariants, readClassEscape, spellClassLiteral } from './_pyre-escapes.js';

/** Why a pattern could not be translated (the caller adds file and role). */
export class TranslateFault extends Error {}

/** Python's inline flags in effect at a point of the pattern. */
export interface Flags { i: boolean; s: boolean; x: boolean; m: boolean; a: boolean }

export const FLAG_CHARS = /^[aiLmsux]+$/;

/** Characters that mean themselves in Python and in a JavaScript `u` pattern, outside classes (sticky: set lastIndex first). */
export const PLAIN_RUN = /[A-Za-z0-9 _:;,'"<>=@%&!~`-]+/y;

/** A cursor over a Python pattern, writing JavaScript pattern text to `out`. */
export abstract class PatternScanner {
  protected i = 0;
  protected readonly out: string[] = [];
  protected flags: Flags;
  protected globalI = false;

  constructor(protected readonly src: string, multiline: boolean) {
    this.flags = { i: false, s: false, x: false, m: multiline, a: false };
  }

  protected readGlobalFlags(): void {
    const re = /^\(\?([a-zA-Z]+)\)/;
    for (;;) {
      const m = re.exec(this.src.slice(this.i));
      if (!m) return;
      const letters = m[1] as string;
      if (!FLAG_CHARS.test(letters)) throw new TranslateFault(`unknown flag in (?${letters})`);
      if (letters.includes('L')) throw new TranslateFault('the locale flag (?L) has no JavaScript equivalent');
      if (letters.includes('i')) this.globalI = true;
      if (letters.includes('s')) this.flags.s = true;
      if (letters.includes('x')) this.flags.x = true;
      if (letters.includes('m')) this.flags.m = true;
      if (letters.includes('a')) this.flags.a = true;
      this.i += m[0].length;
    }
  }

  /** In verbose mode, skips whitespace and `#` comments; true when something was skipped. */
  protected skipVerbose(): boolean {
    const c = this.src[this.i] as string;
    if (c === '#') {
      const nl = this.src.indexOf('\n', this.i);
      this.i = nl < 0 ? this.src.length : nl + 1;
      return true;
    }
    if (/\s/.test(c)) { this.i++; return true; }
    return false;
  }

  protected readCharEscape(): number {
    const src = this.src;
    const c = src[this.i + 1] as string;
    if (CHAR_ESCAPES[c] !== undefined) { this.i += 2; return CHAR_ESCAPES[c] as number; }
    const hex = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (hex > 0) {
      const digits = src.slice(this.i + 2, this.i + 2 + hex);
      if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) throw new TranslateFault(`incomplete escape \\${c}${digits}`);
      this.i += 2 + hex;
      return Number.parseInt(digits, 16);
    }
    if (/[0-7]/.test(c)) {
      const m = /^\\(0[0-7]{0,2}|[1-7][0-7]{0,2})/.exec(src.slice(this.i, this.i + 4)) as RegExpExecArray;
      if (Number.parseInt(m[1] as string, 8) > 0o377) throw new TranslateFault(`octal escape value \\${m[1] as string} outside of range 0-0o377`);
      this.i += m[0].length;
      return Number.parseInt(m[1] as string, 8);
    }
    if (/[A-Za-z0-9]/.test(c)) throw new TranslateFault(`bad escape \\${c}`);
    const cp = src.codePointAt(this.i + 1) as number;
    this.i += cp > 0xffff ? 3 : 2;
    return cp;
  }

  /** A `?` after a quantifier (lazy) is copied; a `+` (possessive) has no JavaScript form. */
  protected readLazy(): void {
    if (this.src[this.i] === '?') { this.out.push('?'); this.i++; return; }
    if (this.src[this.i] === '+') throw new TranslateFault('possessive quantifiers are not supported');
  }

  /** A `{m,n}` repeat, or null for a literal `{` (Python reads a malformed repeat, and `{}`, so). */
  protected readBrace(): { min: number; max: number | null } | null {
    const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i, this.i + 24));
    if (!m || m[0] === '{}') { this.i++; this.out.push('\\{'); return null; }
    this.i += m[0].length;
    const lo = m[1] === '' ? '0' : (m[1] as string);
    if (m[2] === undefined) this.out.push(`{${lo}}`);
    else this.out.push(m[3] === '' ? `{${lo},}` : `{${lo},${m[3] as string}}`);
    this.readLazy();
    const max = m[2] === undefined ? Number(lo) : m[3] === '' ? null : Number(m[3]);
    return { min: Number(lo), max };
  }

  protected readClass(): void {
    const src = this.src;
    this.i++;
    let negate = false;
    if (src[this.i] === '^') { negate = true; this.i++; }
    const parts: string[] = [];
    // Negated escapes (\S, \W, \D) inside a class cannot be flattened into one `u`-mode class.
    const negatedSets: string[] = [];
    let first = true;
    for (;;) {
      if (this.i >= src.length) throw new TranslateFault('unterminated character set');
      const c = src[this.i] as string;
      if (c === ']' && !first) { this.i++; break; }
      first = false;
      const cls = c === '\\' ? readClassEscape(src[this.i + 1] ?? '', this.flags.a) : null;
      if (cls) {
        (cls.negated ? negatedSets : parts).push(cls.set);
        this.i += 2;
        continue;
      }
      const lo = this.readClassChar();
      if (src[this.i] === '-' && src[this.i + 1] !== ']' && this.i + 1 < src.length) {
        this.i++;
        if (src[this.i] === '\\' && readClassEscape(src[this.i + 1] ?? '', this.flags.a)) {
          throw new TranslateFault('bad character range (class escape as range end)');
        }
        const hi = this.readClassChar();
        if (hi < lo) throw new TranslateFault('bad character range');
        parts.push(...this.spellRange(lo, hi));
      } else {
        parts.push(...this.spellRange(lo, lo));
      }
    }
    const body = parts.join('');
    if (negatedSets.length === 0) { this.out.push(`[${negate ? '^' : ''}${body}]`); return; }
    if (!negate) {
      const alts = [...(body ? [`[${body}]`] : []), ...negatedSets.map((set) => `[^${set}]`)];
      this.out.push(`(?:${alts.join('|')})`);
      return;
    }
    // [^a\S] = a character that is not `a` and is in every negated escape's set.
    const last = negatedSets.pop() as string;
    this.out.push(`(?:${body ? `(?![${body}])` : ''}${negatedSets.map((set) => `(?=[${set}])`).join('')}[${last}])`);
  }

  protected readClassChar(): number {
    const src = this.src;
    if (src[this.i] === '\\') {
      if (src[this.i + 1] === 'b') { this.i += 2; return 8; }
      return this.readCharEscape();
    }
    const cp = src.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return cp;
  }

  protected spellRange(lo: number, hi: number): string[] {
    const spell = (a: number, b: number): string => (a === b ? spellClassLiteral(a) : `${spellClassLiteral(a)}-${spellClassLiteral(b)}`);
    const out = [spell(lo, hi)];
    if (this.flags.i && !this.globalI) {
      // Scoped case-insensitivity: add the other case of ASCII letter ranges and single characters.
      if (lo === hi) out.push(...listCaseVariants(lo).filter((v) => v !== lo).map((v) => spell(v, v)));
      for (const [a, z, shift] of [[0x41, 0x5a, 32], [0x61, 0x7a, -32]] as const) {
        const from = Math.max(lo, a);
        const to = Math.min(hi, z);
        if (lo !== hi && from <= to) out.push(spell(from + shift, to + shift));
      }
    }
    return out;
  }
}
