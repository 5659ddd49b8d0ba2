/** @module _pyre-groups: the group side of the Python `re` → JavaScript translator (captures, conditionals, scoped flags, repeats). */
import { FLAG_CHARS, PLAIN_RUN, PatternScanner, TranslateFault, type Flags } from './_pyre-scanner.js';
import type { LoopInfo } from './_loop-groups.js';
import { findConditionalGuards, type ConditionalPlace, type GroupPlace, type PlaceStep } from './_cond-guards.js';

/** Prefix of helper groups the translator adds; never reported as fields. */
export const HIDDEN_GROUP_PREFIX = 'f2bc_';

/**
 * An open group. `outAtOpen`: index in `out` of its opening token; `srcAtOpen`: index of its `(` in
 * the pattern. `named`: it is or holds a named capture group; `unsteppable`: it holds a
 * back-reference, a conditional or a repeat of named groups; `loop`: the capture wrapping its repeats.
 */
export interface Frame {
  kind: 'group' | 'cond'; saved: Flags; bars: number; close: string; marker?: string; prefixAtOpen: number; outAtOpen: number;
  srcAtOpen?: number; named?: boolean; unsteppable?: boolean; loop?: { wrapper: number; namesAt: number };
  /** A lookaround (its matches do not move on through the input). */
  look?: boolean;
  /** A quantifier followed the group (`?`, `*`, `+`, `{…}`). */
  repeated?: boolean;
}

/** Opens and closes groups for PatternTranslator; `markTargets` are the groups that conditionals test (found by a first pass). */
export abstract class GroupTranslator extends PatternScanner {
  protected readonly frames: Frame[] = [];
  protected pyGroups = 0;
  protected jsGroups = 0;
  protected readonly pyToJs: number[] = [0];
  protected readonly names = new Map<string, number>();
  protected readonly namesInOrder: string[] = [];
  protected readonly indexesInOrder: number[] = [];
  readonly condTargets = new Set<string>();
  /** Pattern indexes of the `(` of repeated groups holding named groups (see LoopGroupReader). */
  readonly loopTargets = new Set<number>();
  protected readonly loops: LoopInfo[] = [];
  // Where each capture and each conditional stands (for findConditionalGuards, after a first pass).
  private readonly groupPlaces = new Map<number, GroupPlace>();
  private readonly conditionalPlaces: ConditionalPlace[] = [];
  /** The pattern itself as a group: its `bars` count top-level alternatives. */
  private readonly root: Frame = { kind: 'group', saved: { ...this.flags }, bars: 0, close: '', prefixAtOpen: 0, outAtOpen: 0 };
  // Literal prefix tracking: characters after a leading `^`, cut back on alternation or repetition.
  protected readonly prefix: string[] = [];
  protected collecting = false;
  protected lastToken: 'literal' | 'close' | 'other' = 'other';
  protected lastClosed: Frame | null = null;

  /**
   * `numbered`: named groups become plain captures and back-references use numbers. V8 builds a
   * `groups` object on every successful exec of a regex with named groups; indexes avoid that cost.
   */
  constructor(
    src: string, multiline: boolean, private readonly markTargets: ReadonlySet<string>, protected readonly numbered: boolean,
    private readonly loopsToWrap: ReadonlySet<number>, private readonly guards: ReadonlyMap<number, readonly string[]> = new Map(),
    /** False: unnamed groups become `(?:…)` (nothing may refer to them by number; see translatePythonPattern). */
    private readonly plainCaptures = true,
  ) {
    super(src, multiline);
  }

  /** After a run: the look-aheads each group may open with (see findConditionalGuards), by Python group number. */
  conditionalGuards(): Map<number, string[]> {
    return findConditionalGuards(this.groupPlaces, this.conditionalPlaces);
  }

  /**
   * `(X)?` as `(?:(X)|)` (`(X)??` as `(?:|(X))`): JavaScript drops a repetition that matched empty,
   * captures and all, and tries X's longer matches instead, where Python keeps the empty one. So
   * `(?P<g>)?` would leave g unset, and `a(?:b*?)?` would match `ab` where Python matches `a`. An
   * alternation tries the same things in the same order and keeps what matched (and V8 runs it as
   * fast: measured on every regex of sshd.conf).
   */
  protected makeGroupOptional(frame: Frame): void {
    if (this.src[this.i] === '+') throw new TranslateFault('possessive quantifiers are not supported');
    const lazy = this.src[this.i] === '?';
    if (lazy) this.i++;
    frame.repeated = true;
    this.out.splice(frame.outAtOpen, 0, lazy ? '(?:|' : '(?:');
    this.out.push(lazy ? ')' : '|)');
  }

  /** Opens a group; a repeated group holding named groups first gets a capture around its repeats. */
  protected openFrame(): void {
    const at = this.i;
    let loop: Frame['loop'];
    if (this.loopsToWrap.has(at)) {
      this.jsGroups++;
      this.out.push('(');
      loop = { wrapper: this.jsGroups, namesAt: this.namesInOrder.length };
    }
    const depth = this.frames.length;
    this.openGroup();
    const frame = this.frames[this.frames.length - 1];
    if (this.frames.length > depth && frame !== undefined) {
      frame.srcAtOpen = at;
      if (loop !== undefined) frame.loop = loop;
    }
  }

  /**
   * After a repeat of the group just closed: notes a repeat of named groups (so a second pass wraps
   * it) and, in that pass, closes the wrapper and describes the loop for LoopGroupReader.
   */
  protected closeRepeat(prev: 'literal' | 'close' | 'other', bodyEnd: number, min: number, max: number | null): void {
    const frame = this.lastClosed;
    if (prev !== 'close' || frame === null) return;
    frame.repeated = true;
    const lazy = this.out.length - bodyEnd === 2; // the repeat, then readLazy's `?`
    if (frame.loop !== undefined) this.out.push(')'); // a wrapper opened is always closed
    if (frame.named !== true) return;
    this.markUnsteppable();
    if (frame.unsteppable === true || frame.srcAtOpen === undefined) return;
    this.loopTargets.add(frame.srcAtOpen);
    if (frame.loop === undefined) return;
    const { wrapper, namesAt } = frame.loop;
    const names = this.namesInOrder.slice(namesAt).map((name, k) => [name, (this.indexesInOrder[namesAt + k] as number) - wrapper] as const);
    this.loops.push({ wrapper, body: this.out.slice(frame.outAtOpen, bodyEnd).join(''), names, min, max, lazy });
  }

  /** Marks the open groups as holding something a repeat cannot be stepped through with. */
  protected markUnsteppable(): void {
    for (const open of this.frames) open.unsteppable = true;
  }

  protected readBar(): void {
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
    (frame ?? this.root).bars++;
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
      this.markUnsteppable();
      this.out.push(this.numbered ? `(?:\\${this.pyToJs[py] as number})` : `\\k<${name}>`);
      return;
    }
    const simple = /^\(\?(:|=|!|<=|<!)/.exec(rest);
    if (simple) {
      this.i += simple[0].length;
      const look = simple[1] !== ':';
      this.frames.push({ kind: 'group', saved: { ...this.flags }, bars: 0, close: ')', prefixAtOpen: this.prefix.length, outAtOpen: this.out.length, look });
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
    // Fail2Ban reads only named groups: an unnamed one nothing refers to need not capture here,
    // which spares a string per match (apache-common's prefregex has four such groups).
    const captures = name !== null || this.plainCaptures;
    if (captures) this.jsGroups++;
    this.pyToJs[this.pyGroups] = captures ? this.jsGroups : -1;
    if (name !== null) { this.names.set(name, this.pyGroups); this.namesInOrder.push(name); this.indexesInOrder.push(this.jsGroups); }
    if (name !== null) for (const open of this.frames) open.named = true;
    const path = this.placeNow();
    this.frames.push({ kind: 'group', saved: { ...this.flags }, bars: 0, close: ')', prefixAtOpen: this.prefix.length, outAtOpen: this.out.length, named: name !== null });
    this.groupPlaces.set(this.pyGroups, { frame: this.frames[this.frames.length - 1] as Frame, path });
    this.out.push(!captures ? '(?:' : name === null || this.numbered ? '(' : `(?<${name}>`);
    const key = name ?? `${this.pyGroups}`;
    if (captures && (this.markTargets.has(key) || this.markTargets.has(`${this.pyGroups}`))) {
      // The marker captures the rest of the input from the group's start: a later `\k<marker>`
      // read twice can then only match (as empty) when the group did not take part in the match.
      this.jsGroups++;
      this.out.push(this.numbered ? '(?=([\\s\\S]*))' : `(?=(?<${markerName(this.pyGroups)}>[\\s\\S]*))`);
      for (const text of this.guards.get(this.pyGroups) ?? []) this.out.push(`(?=[\\s\\S]*?${text})`);
      // The group's alternatives go in a group of their own, so marker and guards stand before every one.
      this.out.push('(?:');
      (this.frames[this.frames.length - 1] as Frame).close = '))';
    }
  }

  /** The open groups, outermost first, each with the branch (alternative) being read in it. */
  private placeNow(): PlaceStep[] {
    return [this.root, ...this.frames].map((frame) => ({ frame, branch: frame.bars }));
  }

  private openConditional(ref: string): void {
    const num = /^\d+$/.test(ref) ? Number(ref) : this.names.get(ref);
    if (num === undefined || num < 1 || num > this.pyGroups) {
      throw new TranslateFault(`conditional group refers to unknown or later group '${ref}'`);
    }
    this.condTargets.add(`${num}`);
    this.markUnsteppable();
    // The marker group directly follows the group it marks. Read twice: a marker set where the test
    // stands (the group matched empty just before) holds the rest of the input, and only an unset
    // marker, which reads as empty, fits there twice (unless the input has ended there).
    const read = this.numbered ? `\\${(this.pyToJs[num] as number) + 1}` : `\\k<${markerName(num)}>`;
    const marker = `(?:${read}${read})`;
    const path = this.placeNow();
    this.frames.push({ kind: 'cond', saved: { ...this.flags }, bars: 0, close: '))', marker, prefixAtOpen: this.prefix.length, outAtOpen: this.out.length, unsteppable: true });
    const frame = this.frames[this.frames.length - 1] as Frame;
    this.conditionalPlaces.push({ target: num, frame, path, literal: this.flags.i || this.flags.x ? '' : readLeadingLiteral(this.src, this.i) });
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

  protected closeGroup(): void {
    this.i++;
    const frame = this.frames.pop();
    if (!frame) throw new TranslateFault('unbalanced parenthesis');
    this.lastToken = 'close';
    this.lastClosed = frame;
    this.flags = frame.saved;
    if (frame.kind === 'cond' && frame.bars === 0) this.out.push(`)|(?=${frame.marker as string}))`);
    else this.out.push(frame.close);
  }
}

/**
 * The plain characters (PLAIN_RUN: same spelling in Python and in JavaScript) a branch starting at
 * `at` must begin with: a run of them, less its last if a quantifier follows; '' when none. Callers
 * leave out branches under (?x) or (?i), where the text would not match as written.
 */
function readLeadingLiteral(src: string, at: number): string {
  PLAIN_RUN.lastIndex = at;
  if (!PLAIN_RUN.test(src)) return '';
  const end = PLAIN_RUN.lastIndex;
  return /[?*+{]/.test(src[end] ?? '') ? src.slice(at, end - 1) : src.slice(at, end);
}

function markerName(pyGroup: number): string {
  return `${HIDDEN_GROUP_PREFIX}${pyGroup}`;
}
