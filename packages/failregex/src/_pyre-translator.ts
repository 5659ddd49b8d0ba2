/** @module _pyre-translator: the one-pass translator behind translatePythonPattern (see _pyre-translate); groups are in _pyre-groups. */
import { CHAR_ESCAPES, listCaseVariants, readClassEscape, spellClassLiteral, spellLiteral, spellWordBoundary } from './_pyre-escapes.js';
import { PLAIN_RUN, TranslateFault } from './_pyre-scanner.js';
import { GroupTranslator } from './_pyre-groups.js';
import type { LoopInfo } from './_loop-groups.js';

/** A translated pattern: compile with `new RegExp(source, flags)`. */
export interface TranslatedPattern {
  readonly source: string;
  readonly flags: string;
  /** Python-visible named groups, in pattern order (internal helper groups are left out). */
  readonly groupNames: readonly string[];
  /** JavaScript capture index of each of `groupNames` (same order): `match[groupIndexes[k]]`. */
  readonly groupIndexes: readonly number[];
  /**
   * Text every match must start with (the buffer must start with it), or '' when unknown.
   * Lets callers skip a regex with one startsWith instead of running it.
   */
  readonly prefix: string;
  /** How many capture groups the JavaScript pattern has (helper groups included). */
  readonly groupCount: number;
  /** Repeats holding named groups, whose values need Python's rule (see LoopGroupReader). */
  readonly loops: readonly LoopInfo[];
}

/** Translates one pattern in one pass: literals, escapes and the literal prefix here, groups in GroupTranslator. */
export class PatternTranslator extends GroupTranslator {
  constructor(
    src: string, multiline: boolean, markTargets: ReadonlySet<string>, numbered: boolean, loopsToWrap: ReadonlySet<number> = new Set(),
    guards: ReadonlyMap<number, readonly string[]> = new Map(), plainCaptures = true,
  ) {
    super(src, multiline, markTargets, numbered, loopsToWrap, guards, plainCaptures);
  }

  result(): TranslatedPattern {
    // `u`, not `v`: Node 20's `v` mode mis-matches some nested repeats (`(?:\[(?:[^\]"]*|"[^"]*")*\])+`).
    return { source: this.out.join(''), flags: this.globalI ? 'ui' : 'u', groupNames: this.namesInOrder, groupIndexes: this.indexesInOrder, prefix: this.prefix.join(''), groupCount: this.jsGroups, loops: this.loops };
  }

  run(): void {
    this.readGlobalFlags();
    const src = this.src;
    const start = this.i;
    while (this.i < src.length) {
      const c = src[this.i] as string;
      if (this.flags.x && this.skipVerbose()) continue;
      if (this.copyLiteralRun()) continue;
      const prev = this.lastToken;
      this.lastToken = 'other';
      if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d*(?:,\d*)?\}/.test(src.slice(this.i, this.i + 24)) && src[this.i + 1] !== '}')) {
        this.trimPrefixForRepeat(prev, c === '+');
      } else if (c === '.' || c === '$' || c === '[' || c === '{' || c === '^') {
        this.collecting = false;
      }
      if (c === '^' && this.i === start && !this.flags.m && !this.globalI) this.collecting = true;
      switch (c) {
        case '(': this.openFrame(); break;
        case ')': this.closeGroup(); break;
        case '[': this.readClass(); break;
        case '\\': this.readEscape(); break;
        case '.': this.i++; this.out.push(this.flags.s ? '[\\s\\S]' : '[^\\n]'); break;
        case '^': this.i++; this.out.push(this.flags.m ? '(?<![^\\n])' : '^'); break;
        // Python's `$` also matches before a final newline (Fail2Ban's buffers end with one).
        case '$': this.i++; this.out.push(this.flags.m ? '(?![^\\n])' : '(?=\\n?$)'); break;
        case '|': this.readBar(); break;
        case '?':
          this.i++;
          if (prev === 'close' && this.lastClosed !== null) this.makeGroupOptional(this.lastClosed);
          else { this.out.push(c); this.readLazy(); }
          break;
        case '*': case '+': {
          const bodyEnd = this.out.length;
          this.i++;
          this.out.push(c);
          this.readLazy();
          this.closeRepeat(prev, bodyEnd, c === '*' ? 0 : 1, null);
          break;
        }
        case '{': {
          const bodyEnd = this.out.length;
          const repeat = this.readBrace();
          if (repeat !== null) this.closeRepeat(prev, bodyEnd, repeat.min, repeat.max);
          break;
        }
        default: {
          const cp = src.codePointAt(this.i) as number;
          this.i += cp > 0xffff ? 2 : 1;
          this.pushLiteral(cp);
        }
      }
    }
    if (this.frames.length > 0) throw new TranslateFault('missing ), unterminated subpattern');
  }

  /**
   * Copies a run of plain literal characters (their spelling is the same in JavaScript) in one step,
   * all but the last, which takes the usual path because a quantifier may follow it. Filters are
   * mostly such text, and f2b-regex translates them all at start-up: one step per character was
   * most of that time.
   */
  private copyLiteralRun(): boolean {
    if (this.flags.x || (this.flags.i && !this.globalI)) return false;
    PLAIN_RUN.lastIndex = this.i;
    if (!PLAIN_RUN.test(this.src) || PLAIN_RUN.lastIndex - this.i < 3) return false;
    const text = this.src.slice(this.i, PLAIN_RUN.lastIndex - 1);
    this.i = PLAIN_RUN.lastIndex - 1;
    if (this.collecting && !this.flags.i) this.prefix.push(text);
    else this.collecting = false;
    this.lastToken = 'literal';
    this.out.push(text);
    return true;
  }

  private trimPrefixForRepeat(prev: 'literal' | 'close' | 'other', atLeastOnce: boolean): void {
    if (prev === 'literal' && this.collecting && !atLeastOnce) this.prefix.pop();
    if (prev === 'close' && this.lastClosed) this.prefix.length = Math.min(this.prefix.length, this.lastClosed.prefixAtOpen);
    this.collecting = false;
  }

  private pushLiteral(cp: number): void {
    this.lastToken = 'literal';
    if (this.collecting && !this.flags.i) this.prefix.push(String.fromCodePoint(cp));
    else this.collecting = false;
    if (this.flags.i && !this.globalI) {
      const variants = listCaseVariants(cp);
      if (variants.length > 1) { this.out.push(`[${variants.map(spellClassLiteral).join('')}]`); return; }
    }
    this.out.push(spellLiteral(cp));
  }

  private readEscape(): void {
    const src = this.src;
    const c = src[this.i + 1];
    if (c === undefined) throw new TranslateFault('bad escape (end of pattern)');
    if (!/[0uxU]|[^A-Za-z0-9]/.test(c) && CHAR_ESCAPES[c] === undefined) this.collecting = false;
    const cls = readClassEscape(c, this.flags.a);
    if (cls) { this.i += 2; this.out.push(`[${cls.negated ? '^' : ''}${cls.set}]`); return; }
    if (c === 'b' || c === 'B') { this.i += 2; this.out.push(spellWordBoundary(c === 'B', this.flags.a)); return; }
    if (c === 'A') { this.i += 2; this.out.push('^'); return; }
    if (c === 'Z') { this.i += 2; this.out.push('$'); return; }
    // Three octal digits are a character (\101 is 'A'); otherwise \1..\99 refer to a group.
    if (/[1-9]/.test(c) && !/^\\[0-7]{3}/.test(src.slice(this.i, this.i + 4))) {
      const m = /^\\([1-9]\d?)/.exec(src.slice(this.i, this.i + 3)) as RegExpExecArray;
      const n = Number(m[1]);
      if (n > this.pyGroups) throw new TranslateFault(`invalid group reference ${n}`);
      this.i += m[0].length;
      this.markUnsteppable();
      this.out.push(`\\${this.pyToJs[n] as number}`);
      return;
    }
    this.pushLiteral(this.readCharEscape());
  }

  /** Reads an escape meaning one character (after `\`), returns its code point. */
}
