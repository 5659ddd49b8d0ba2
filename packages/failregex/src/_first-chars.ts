/** @module _first-chars: the ASCII characters a `^`-anchored translated regex can start its match with. */

/** Ranges wider than this are not listed (the table would say little anyway). */
const MAX_RANGE = 64;

type CharSet = Set<number>;

/**
 * Reads a translated (`u`-flag, JavaScript) pattern and returns a 128-entry table where 1 marks each
 * ASCII code unit the input can start with, or null when that is not certain: the pattern is not
 * anchored at the input start, is case-insensitive, has a top-level alternation, may match empty at
 * the start, or starts with anything but literals, simple classes and groups of those. A null is
 * always safe; a table must never leave out a possible first character (that would lose matches).
 */
export function findFirstChars(source: string, flags: string): Uint8Array | null {
  if (flags.includes('i') || flags.includes('m') || source[0] !== '^') return null;
  const scan = new FirstScanner(source);
  const alts = scan.splitAlternatives(1, source.length);
  if (alts === null || alts.length !== 1) return null;
  const set = scan.firstOfSequence(1, source.length);
  if (set === null || set.size === 0) return null;
  const table = new Uint8Array(128);
  for (const c of set) table[c] = 1;
  return table;
}

class FirstScanner {
  constructor(private readonly src: string) {}

  /** Start indexes of the alternatives between `from` and `to` (depth 0 only), or null on bad syntax. */
  splitAlternatives(from: number, to: number): number[] | null {
    const starts = [from];
    let i = from;
    while (i < to) {
      const c = this.src[i];
      if (c === '|') { starts.push(i + 1); i++; continue; }
      const end = this.skipAtom(i);
      if (end < 0) return null;
      i = end;
    }
    return starts;
  }

  /** First characters of the sequence starting at `from` (ending before `|` or `to`); null if unknown. */
  firstOfSequence(from: number, to: number): CharSet | null {
    const src = this.src;
    if (from >= to || src[from] === '|' || src[from] === ')') return null;
    const atomEnd = this.skipAtomCore(from);
    if (atomEnd < 0 || this.mayRepeatZero(atomEnd)) return null;
    const c = src[from] as string;
    if (c === '(') return this.firstOfGroup(from, atomEnd);
    if (c === '[') return this.firstOfClass(from + 1, atomEnd - 1);
    if (c === '\\') {
      const cp = this.readEscapedChar(from);
      return cp === null ? null : new Set([cp]);
    }
    if (c === '.' || c === '^' || c === '$') return null;
    const cp = src.codePointAt(from) as number;
    return cp < 128 ? new Set([cp]) : null;
  }

  private firstOfGroup(open: number, end: number): CharSet | null {
    const src = this.src;
    let body = open + 1;
    if (src[body] === '?') {
      if (src[body + 1] === ':') body += 2;
      else if (src[body + 1] === '<' && src[body + 2] !== '=' && src[body + 2] !== '!') body = src.indexOf('>', body) + 1;
      else return null; // lookarounds consume nothing: the first character comes later
    }
    const close = end - 1;
    const alts = this.splitAlternatives(body, close);
    if (alts === null) return null;
    const out: CharSet = new Set();
    for (let k = 0; k < alts.length; k++) {
      const stop = k + 1 < alts.length ? (alts[k + 1] as number) - 1 : close;
      const set = this.firstOfSequence(alts[k] as number, stop);
      if (set === null) return null;
      for (const c of set) out.add(c);
    }
    return out;
  }

  /** A non-negated class of ASCII literals and small ranges, between `[` and `]` (exclusive). */
  private firstOfClass(from: number, to: number): CharSet | null {
    const src = this.src;
    if (src[from] === '^') return null;
    const out: CharSet = new Set();
    let i = from;
    let prev: number | null = null;
    while (i < to) {
      let cp: number | null;
      let next: number;
      if (src[i] === '\\') { cp = this.readEscapedChar(i); next = this.escapeEnd(i); }
      else if (src[i] === '-' && prev !== null && i + 1 < to) {
        const hiAt = i + 1;
        const hi = src[hiAt] === '\\' ? this.readEscapedChar(hiAt) : (src.codePointAt(hiAt) as number);
        if (hi === null || hi < prev || hi - prev > MAX_RANGE || hi >= 128) return null;
        for (let c = prev; c <= hi; c++) out.add(c);
        i = src[hiAt] === '\\' ? this.escapeEnd(hiAt) : hiAt + 1;
        prev = null;
        continue;
      } else { cp = src.codePointAt(i) as number; next = i + (cp > 0xffff ? 2 : 1); }
      if (cp === null || cp >= 128) return null;
      out.add(cp);
      prev = cp;
      i = next;
    }
    return out;
  }

  /** A `\` escape that stands for one ASCII character (`\.`, `\u{2d}`), or null. */
  private readEscapedChar(at: number): number | null {
    const c = this.src[at + 1];
    if (c === undefined) return null;
    if (c === 'u' && this.src[at + 2] === '{') {
      const close = this.src.indexOf('}', at);
      const cp = Number.parseInt(this.src.slice(at + 3, close), 16);
      return Number.isFinite(cp) && cp < 128 ? cp : null;
    }
    return /[\^$\\.*+?()[\]{}|/-]/.test(c) ? c.charCodeAt(0) : null;
  }

  private escapeEnd(at: number): number {
    const c = this.src[at + 1];
    if ((c === 'u' && this.src[at + 2] === '{') || c === 'p' || c === 'P') {
      const close = this.src.indexOf('}', at);
      return close < 0 ? this.src.length : close + 1;
    }
    return at + 2;
  }

  /** True when the atom ending at `at` is followed by a quantifier that allows zero repeats. */
  private mayRepeatZero(at: number): boolean {
    const c = this.src[at];
    if (c === '?' || c === '*') return true;
    if (c !== '{') return false;
    const m = /^\{(\d+)/.exec(this.src.slice(at, at + 12));
    return m === null || Number(m[1]) === 0;
  }

  /** Index just after the atom at `at` without its quantifier, or -1. */
  private skipAtomCore(at: number): number {
    const src = this.src;
    const c = src[at];
    if (c === '(') { const close = this.findClose(at); return close < 0 ? -1 : close + 1; }
    if (c === '[') return this.findClassEnd(at);
    if (c === '\\') return this.escapeEnd(at);
    return at + ((src.codePointAt(at) as number) > 0xffff ? 2 : 1);
  }

  /** Index just after the atom (and its quantifier) at `at`, or -1. */
  private skipAtom(at: number): number {
    const src = this.src;
    let i = this.skipAtomCore(at);
    if (i < 0) return -1;
    // Quantifiers (and their lazy `?`).
    while (i < src.length) {
      const q = src[i];
      if (q === '?' || q === '*' || q === '+') { i++; continue; }
      if (q === '{') { const e = src.indexOf('}', i); if (e < 0) return -1; i = e + 1; continue; }
      break;
    }
    return i;
  }

  private findClassEnd(open: number): number {
    const src = this.src;
    for (let i = open + 1; i < src.length; i++) {
      if (src[i] === '\\') { i = this.escapeEnd(i) - 1; continue; }
      if (src[i] === ']') return i + 1;
    }
    return -1;
  }

  /** Index of the `)` closing the group opened at `open`, or -1. */
  private findClose(open: number): number {
    const src = this.src;
    let depth = 0;
    for (let i = open; i < src.length; i++) {
      const c = src[i];
      if (c === '\\') { i = this.escapeEnd(i) - 1; continue; }
      if (c === '[') { const e = this.findClassEnd(i); if (e < 0) return -1; i = e - 1; continue; }
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i;
    }
    return -1;
  }
}
