/** @module _pyre-translator: the one-pass translator behind translatePythonPattern (see _pyre-translate). */
import { CHAR_ESCAPES, listCaseVariants, readClassEscape, spellClassLiteral, spellLiteral, spellWordBoundary } from './_pyre-escapes.js';
import { FLAG_CHARS, PatternScanner, TranslateFault, type Flags } from './_pyre-scanner.js';

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
}

/** Prefix of helper groups the translator adds; never reported as fields. */
export const HIDDEN_GROUP_PREFIX = 'f2bc_';

/** An open group; `outAtOpen` is the index in `out` of its opening token; `captures`: it is or holds a capture group. */
interface Frame { kind: 'group' | 'cond'; saved: Flags; bars: number; close: string; marker?: string; prefixAtOpen: number; outAtOpen: number; captures?: boolean }

/** Translates one pattern in one pass; `markTargets` are the groups that conditionals test (found by a first pass). */
export class PatternTranslator extends PatternScanner {
  private readonly frames: Frame[] = [];
  private pyGroups = 0;
  private jsGroups = 0;
  private readonly pyToJs: number[] = [0];
  private readonly names = new Map<string, number>();
  private readonly namesInOrder: string[] = [];
  private readonly indexesInOrder: number[] = [];
  readonly condTargets = new Set<string>();
  // Literal prefix tracking: characters after a leading `^`, cut back on alternation or repetition.
  private readonly prefix: string[] = [];
  private collecting = false;
  private lastToken: 'literal' | 'close' | 'other' = 'other';
  private lastClosed: Frame | null = null;

  /**
   * `numbered`: named groups become plain captures and back-references use numbers. V8 builds a
   * `groups` object on every successful exec of a regex with named groups; indexes avoid that cost.
   */
  constructor(src: string, multiline: boolean, private readonly markTargets: ReadonlySet<string>, private readonly numbered: boolean) {
    super(src, multiline);
  }

  result(): TranslatedPattern {
    // `u`, not `v`: Node 20's `v` mode mis-matches some nested repeats (`(?:\[(?:[^\]"]*|"[^"]*")*\])+`).
    return { source: this.out.join(''), flags: this.globalI ? 'ui' : 'u', groupNames: this.namesInOrder, groupIndexes: this.indexesInOrder, prefix: this.prefix.join(''), groupCount: this.jsGroups };
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
        case '(': this.openGroup(); break;
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
          if (prev === 'close' && this.lastClosed?.captures === true) this.makeGroupOptional(this.lastClosed);
          else { this.out.push(c); this.readLazy(); }
          break;
        case '*': case '+': this.i++; this.out.push(c); this.readLazy(); break;
        case '{': this.readBrace(); break;
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

  /**
   * `(X)?` as `(?:(X)|)` (`(X)??` as `(?:|(X))`): JavaScript drops a repetition that matched empty,
   * captures and all, where Python keeps it, so `(?P<g>)?` would leave g unset. An alternation
   * tries the same things in the same order and keeps what matched. Groups without captures are
   * left alone: nothing tells the two forms apart there.
   */
  private makeGroupOptional(frame: Frame): void {
    if (this.src[this.i] === '+') throw new TranslateFault('possessive quantifiers are not supported');
    const lazy = this.src[this.i] === '?';
    if (lazy) this.i++;
    this.out.splice(frame.outAtOpen, 0, lazy ? '(?:|' : '(?:');
    this.out.push(lazy ? ')' : '|)');
  }

  private readBar(): void {
    this.i++;
    const frame = this.frames[this.frames.length - 1];
    this.prefix.length = Math.min(this.prefix.length, frame?.prefixAtOpen ?? 0);
    this.collecting = false;
    if (frame?.kind === 'cond') {
      frame.bars++;
      if (frame.bars > 1) throw new TranslateFault('conditional group with more than two branches');
      this.out.push(`)|(?=${frame.marker as string})(?:`);
      return;
    }
    this.out.push('|');
  }

  private openGroup(): void {
    const src = this.src;
    const rest = src.slice(this.i, this.i + 64);
    // Fail2Ban turns `((?i)x)` and `(?:(?i)x)` into the scoped `(?i:x)` before compiling.
    const wrapped = /^\((?:\?:)?\(\?([a-z]+)\)/.exec(rest);
    if (wrapped) { this.i += wrapped[0].length; this.pushScopedFlags(wrapped[1] as string, ''); return; }
    if (!rest.startsWith('(?')) { this.openCapture(null); this.i += 1; return; }
    const named = /^\(\?P<([^>]*)>/.exec(rest);
    if (named) {
      const name = named[1] as string;
      if (!/^[A-Za-z_]\w*$/.test(name)) throw new TranslateFault(`bad group name '${name}'`);
      if (this.names.has(name)) throw new TranslateFault(`redefinition of group name '${name}'`);
      this.i += named[0].length;
      this.openCapture(name);
      return;
    }
    // Only plain and capturing groups keep a literal prefix going.
    if (!/^\((?:\?:|\?P<|[^?])/.test(rest)) this.collecting = false;
    const backref = /^\(\?P=(\w+)\)/.exec(rest);
    if (backref) {
      const name = backref[1] as string;
      if (!this.names.has(name)) throw new TranslateFault(`unknown group name '${name}' in (?P=${name})`);
      this.i += backref[0].length;
      const py = this.names.get(name) as number;
      this.out.push(this.numbered ? `(?:\\${this.pyToJs[py] as number})` : `\\k<${name}>`);
      return;
    }
    const simple = /^\(\?(:|=|!|<=|<!)/.exec(rest);
    if (simple) {
      this.i += simple[0].length;
      this.frames.push({ kind: 'group', saved: { ...this.flags }, bars: 0, close: ')', prefixAtOpen: this.prefix.length, outAtOpen: this.out.length });
      this.out.push(simple[0]);
      return;
    }
    if (rest.startsWith('(?#')) {
      const end = src.indexOf(')', this.i);
      if (end < 0) throw new TranslateFault('missing ), unterminated comment');
      this.i = end + 1;
      return;
    }
    const cond = /^\(\?\((\w+)\)/.exec(rest);
    if (cond) { this.i += cond[0].length; this.openConditional(cond[1] as string); return; }
    const scoped = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]+))?:/.exec(rest);
    if (scoped) { this.i += scoped[0].length; this.pushScopedFlags(scoped[1] as string, scoped[2] ?? ''); return; }
    if (/^\(\?[a-zA-Z]+\)/.test(rest)) throw new TranslateFault('global flags not at the start of the expression');
    throw new TranslateFault(`unsupported group construct '${rest.slice(0, 4)}'`);
  }

  private openCapture(name: string | null): void {
    this.pyGroups++;
    this.jsGroups++;
    this.pyToJs[this.pyGroups] = this.jsGroups;
    if (name !== null) { this.names.set(name, this.pyGroups); this.namesInOrder.push(name); this.indexesInOrder.push(this.jsGroups); }
    for (const open of this.frames) open.captures = true;
    this.frames.push({ kind: 'group', saved: { ...this.flags }, bars: 0, close: ')', prefixAtOpen: this.prefix.length, outAtOpen: this.out.length, captures: true });
    this.out.push(name === null || this.numbered ? '(' : `(?<${name}>`);
    const key = name ?? `${this.pyGroups}`;
    if (this.markTargets.has(key) || this.markTargets.has(`${this.pyGroups}`)) {
      // The marker captures the rest of the input from the group's start: a later `\k<marker>`
      // read twice can then only match (as empty) when the group did not take part in the match.
      this.jsGroups++;
      this.out.push(this.numbered ? '(?=([\\s\\S]*))' : `(?=(?<${markerName(this.pyGroups)}>[\\s\\S]*))`);
    }
  }

  private openConditional(ref: string): void {
    const num = /^\d+$/.test(ref) ? Number(ref) : this.names.get(ref);
    if (num === undefined || num < 1 || num > this.pyGroups) {
      throw new TranslateFault(`conditional group refers to unknown or later group '${ref}'`);
    }
    this.condTargets.add(`${num}`);
    // The marker group directly follows the group it marks. Read twice: a marker set where the test
    // stands (the group matched empty just before) holds the rest of the input, and only an unset
    // marker, which reads as empty, fits there twice (unless the input has ended there).
    const read = this.numbered ? `\\${(this.pyToJs[num] as number) + 1}` : `\\k<${markerName(num)}>`;
    const marker = `(?:${read}${read})`;
    this.frames.push({ kind: 'cond', saved: { ...this.flags }, bars: 0, close: '))', marker, prefixAtOpen: this.prefix.length, outAtOpen: this.out.length });
    this.out.push(`(?:(?!${marker})(?:`);
  }

  private pushScopedFlags(on: string, off: string): void {
    if (!FLAG_CHARS.test(on || 'i') || (off !== '' && !FLAG_CHARS.test(off))) {
      throw new TranslateFault(`unknown flag in (?${on}${off ? `-${off}` : ''}:…)`);
    }
    if (on.includes('L') || off.includes('L')) throw new TranslateFault('the locale flag (?L) has no JavaScript equivalent');
    const saved = { ...this.flags };
    for (const [letters, value] of [[on, true], [off, false]] as const) {
      for (const f of letters) if (f === 'i' || f === 's' || f === 'x' || f === 'm' || f === 'a') this.flags[f] = value;
    }
    if (this.globalI && !this.flags.i) throw new TranslateFault('(?-i:…) inside a case-insensitive pattern is not supported');
    this.frames.push({ kind: 'group', saved, bars: 0, close: ')', prefixAtOpen: this.prefix.length, outAtOpen: this.out.length });
    this.out.push('(?:');
  }

  private closeGroup(): void {
    this.i++;
    const frame = this.frames.pop();
    if (!frame) throw new TranslateFault('unbalanced parenthesis');
    this.lastToken = 'close';
    this.lastClosed = frame;
    this.flags = frame.saved;
    if (frame.kind === 'cond' && frame.bars === 0) this.out.push(`)|(?=${frame.marker as string}))`);
    else this.out.push(frame.close);
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
      this.out.push(`\\${this.pyToJs[n] as number}`);
      return;
    }
    this.pushLiteral(this.readCharEscape());
  }

  /** Reads an escape meaning one character (after `\`), returns its code point. */
}

/** Characters that mean themselves in Python and in a JavaScript `u` pattern, outside classes. */
const PLAIN_RUN = /[A-Za-z0-9 _:;,'"<>=@%&!~`-]+/y;

function markerName(pyGroup: number): string {
  return `${HIDDEN_GROUP_PREFIX}${pyGroup}`;
}
