/** @module regex: compiles Fail2Ban regexes (Python syntax, tags) to JavaScript and searches line buffers. */
import { RegexTranslationError, type RegexOrigin } from './errors.js';
import { HIDDEN_GROUP_PREFIX, TranslateFault, translatePythonPattern, type TranslatedPattern } from './_pyre-translate.js';
import { expandTags, mapFieldName } from './_tags.js';
import { findFirstChars } from './_first-chars.js';
import { anyOfRegExp, findAlternativesAtEnd, findRequiredAlternatives, findRequiredLiteral } from './_required-literal.js';
import { spellForAsciiText } from './_pyre-escapes.js';
import { adjacentPairs, buildReverseTrie, cutIncludes, cutStartsWith, endsWithTail, junctionPair, type TextEnd } from './_cut-line.js';
import { LoopGroupReader } from './_loop-groups.js';
import { compileCountReader, compileGroupReader, COUNT_KEYS, type CountData, type CountReader, type GroupReader } from './_group-readers.js';
import type { UseDns } from './types.js';

/** Options of {@link compilePythonRegex}. */
export interface PythonRegexOptions extends RegexOrigin {
  /** Python's re.MULTILINE (`^`/`$` at every line); Fail2Ban sets it when maxlines > 1. */
  readonly multiline?: boolean;
}

/** Options of a {@link FilterRegex}. */
export interface FilterRegexOptions extends PythonRegexOptions {
  readonly useDns: UseDns;
  /**
   * The keys, in order, of every `base` this regex's {@link FilterRegex.search} will be given (a
   * filter's prefregex groups, see {@link FilterRegex.exceptGroupNames}); known up front, the
   * groupdict is built in one step. Left out, any base is read key by key.
   */
  readonly baseGroups?: readonly string[];
}

/** Compiles one Python `re` pattern (no Fail2Ban tags) to an equivalent JavaScript RegExp. */
export function compilePythonRegex(source: string, options: PythonRegexOptions): RegExp {
  return newRegExp(translateOrThrow(source, options, source, false), options, source);
}

function newLoopGroupReader(translated: TranslatedPattern, options: PythonRegexOptions, shownAs: string): LoopGroupReader {
  try {
    return new LoopGroupReader(translated.flags, translated.loops);
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
    throw new RegexTranslationError(options, shownAs, `not valid after translation (${reason})`, { cause: err });
  }
}

/** `shownAs` is the regex as the user wrote it (tags kept), for error messages. */
function translateOrThrow(source: string, options: PythonRegexOptions, shownAs: string, numbered: boolean): TranslatedPattern {
  try {
    return translatePythonPattern(source, options.multiline ?? false, numbered);
  } catch (err) {
    if (err instanceof TranslateFault) throw new RegexTranslationError(options, shownAs, err.message);
    throw err;
  }
}

function newRegExp(translated: { readonly source: string; readonly flags: string }, options: PythonRegexOptions, shownAs: string): RegExp {
  try {
    return new RegExp(translated.source, translated.flags);
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
    throw new RegexTranslationError(options, shownAs, `not valid after translation (${reason})`, { cause: err });
  }
}

/** One buffered line split around its date: [text before, date text, text after]. */
export type LineParts = readonly [string, string, string];

/** Joins buffered lines the way Fail2Ban does: without their dates, newline-terminated. */
export function joinLineBuffer(lines: readonly LineParts[]): string {
  if (lines.length === 1) { const l = lines[0] as LineParts; return `${l[0]}${l[2]}\n`; }
  return `${lines.map((l) => l[0] + l[2]).join('\n')}\n`;
}

/** The result of a successful search. */
export interface RegexHit {
  /** Every visible named group (null when it did not take part), Fail2Ban's groupdict. */
  readonly groups: Record<string, string | null>;
  /** Buffered lines that make up the match (skipped lines left out). */
  readonly matched: LineParts[];
  /** Buffered lines outside the match (and the skipped ones). */
  readonly unmatched: LineParts[];
}

const FAILURE_ID_GROUPS = ['fid', 'ip4', 'ip6', 'dns', 'mlfid'];
const COMPLEX_NAME_RE = /^(alt_|tuple_)(.*?)(?:_\d+)?$/;

/**
 * The translation of a FilterRegex (see TranslatedPattern): `source` and `flags` of {@link re}, its
 * group names and their capture indexes (groups are numbered, not named), the text every match
 * starts with, and the number of capture groups.
 */
export interface FilterRegex extends Readonly<TranslatedPattern> {}

/** A Fail2Ban regex after tag expansion and translation. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor copies every TranslatedPattern field onto the instance; the interface only declares them.
export class FilterRegex {
  /** The regex as written in the filter (tags kept). */
  readonly written: string;
  /**
   * 1 for each ASCII code unit a match can start with (the buffer's first), or null when unknown:
   * lets a filter skip this regex with one table look-up.
   */
  readonly firstChars: Uint8Array | null;
  /**
   * Text every match contains beyond its prefix ('' when none is known): a buffer without it is
   * skipped with one search instead of a regex run (`" 404 "` of nginx-botsearch rules out most
   * access-log lines before the address alternatives are tried at all).
   */
  private readonly required: string;
  /**
   * Finds one of the texts of which every match contains one (null when none are known): a search of
   * the buffer for apache-badbots' ~90 user agents costs a fifth of the regex run that backtracks
   * over the line to try them after each quote. Found on first use: the scan of every regex of a
   * filter up front cost sshd ~9 ms of start-up.
   */
  private requiredAnyOf: RegExp | null | undefined = undefined;
  /** See {@link mayMatchCut}: adjacent pairs of the texts of requiredAnyOf (null: not known, any line may match). */
  private requiredAnyOfPairs: ReadonlySet<number> | null = null;
  /**
   * When every match ends the text with one of a group's alternatives and literal text (see
   * findAlternativesAtEnd): checked on the line's last characters instead of requiredAnyOf's search
   * of the whole line (apache-badbots: a third of the remaining per-line work).
   */
  private tailAtEnd: TextEnd | null = null;
  private readonly altValues: (readonly [string, string])[] = [];
  private readonly tupleValues: (readonly [string, string])[] = [];
  private readonly skipGroups: number[];
  private readonly hasComplexNames: boolean;
  /** Python's values for groups inside repeats (null: the regex has none). */
  private readonly loopGroups: LoopGroupReader | null;
  /**
   * The same pattern for ASCII-only text (see ProcessLineOptions.ascii), compiled up front: it also
   * proves the pattern valid. Class escapes are its only difference, and V8 builds the Unicode
   * `\p{…}` classes slowly (about a millisecond a regex), so {@link re} is built on first use.
   */
  private readonly asciiRe: RegExp;
  private unicodeRe: RegExp | null = null;
  /** `flags`, plus `d` when the regex has loop groups: LoopGroupReader reads the match's indices. */
  private readonly matchFlags: string;
  private readonly origin: PythonRegexOptions;
  private readonly baseGroups: readonly string[] | undefined;
  // Built on first use (most regexes of a filter never match a given log); null: not available.
  private ownReader: GroupReader | null | undefined;
  private baseReader: GroupReader | null | undefined;
  private except: { readonly name: string; readonly names: readonly string[]; readonly read: GroupReader | null } | undefined;
  private countReader: CountReader | null | undefined;

  constructor(written: string, options: FilterRegexOptions) {
    this.written = written;
    this.baseGroups = options.baseGroups;
    this.origin = { file: options.file, role: options.role, multiline: options.multiline ?? false };
    const expanded = expandTags(written, options.useDns);
    if (expanded.trim() === '') throw new RegexTranslationError(options, written, 'empty regex');
    const unicode = translateOrThrow(expanded, options, written, true);
    Object.assign(this, unicode);
    this.loopGroups = unicode.loops.length > 0 ? newLoopGroupReader(unicode, options, written) : null;
    this.matchFlags = this.loopGroups === null ? unicode.flags : `${unicode.flags}d`;
    const asciiSource = spellForAsciiText(unicode.source) ?? unicode.source;
    this.asciiRe = newRegExp({ source: asciiSource, flags: this.matchFlags }, options, written);
    this.firstChars = findFirstChars(this.source, this.flags);
    const required = findRequiredLiteral(this.source, this.flags);
    this.required = this.prefix.includes(required) ? '' : required;
    for (const k of this.groupNames) {
      const m = k.length > 4 ? COMPLEX_NAME_RE.exec(k) : null;
      if (!m) continue;
      const pair = [k, mapFieldName(m[2] as string)] as const;
      (m[1] === 'alt_' ? this.altValues : this.tupleValues).push(pair);
    }
    const byPair = (a: readonly [string, string], b: readonly [string, string]): number =>
      (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
    this.altValues.sort(byPair);
    this.tupleValues.sort(byPair);
    this.hasComplexNames = this.altValues.length + this.tupleValues.length > 0;
    this.skipGroups = [];
    this.groupNames.forEach((n, k) => { if (/^skiplines\d+$/.test(n)) this.skipGroups.push(this.groupIndexes[k] as number); });
  }

  /**
   * A reader of the fields a count-only run needs (see COUNT_KEYS), or null when this regex needs
   * its full groupdict for them (groups in repeats, `tuple_` groups of those fields, no code generation).
   */
  countGroupsReader(): CountReader | null {
    if (this.countReader !== undefined) return this.countReader;
    const keys: readonly string[] = COUNT_KEYS;
    const usable = this.loopGroups === null && !this.tupleValues.some(([, n]) => keys.includes(n));
    this.countReader = usable ? compileCountReader(this.groupNames, this.groupIndexes, this.altValues) : null;
    return this.countReader;
  }

  /**
   * {@link search} for a count-only run of a single-line filter: the counted fields of the match
   * laid over `base` (see countGroupsReader, which must not be null), or null when it does not match.
   */
  searchCounts(buf: string, base: CountData | null, ascii: boolean): CountData | null {
    if (this.prefix !== '' && !buf.startsWith(this.prefix)) return null;
    if (this.required !== '' && !buf.includes(this.required)) return null;
    if (this.lacksRequiredAlternative(buf)) return null;
    const m = (ascii ? this.asciiRe : this.re).exec(buf);
    return m === null ? null : (this.countReader as CountReader)(m, base);
  }

  /** True when `buf` has none of the texts one of which every match contains (see requiredAnyOf). */
  private lacksRequiredAlternative(buf: string): boolean {
    if (this.requiredAnyOf === undefined) this.findRequiredAnyOf();
    const tail = this.tailAtEnd;
    if (tail !== null) return !endsWithTail(buf, buf.length, buf.length, buf.length, tail);
    return this.requiredAnyOf !== null && !(this.requiredAnyOf as RegExp).test(buf);
  }

  private findRequiredAnyOf(): void {
    const alternatives = findRequiredAlternatives(this.source, this.flags);
    this.requiredAnyOf = alternatives === null ? null : anyOfRegExp(alternatives);
    this.requiredAnyOfPairs = alternatives === null ? null : adjacentPairs(alternatives);
    const atEnd = findAlternativesAtEnd(this.source, this.flags);
    this.tailAtEnd = atEnd === null ? null : { suffix: atEnd.suffix, trie: buildReverseTrie(atEnd.tails), spaceAtEnd: atEnd.spaceAtEnd };
  }

  /**
   * False when the prefilters of {@link searchCounts} and {@link exec} (prefix, required literal,
   * required alternatives) would all turn down the cut line — `line` without [start, end), with a
   * newline appended — so no match is possible; true when one may be. Reads `line` in place, so a
   * filter need not build the cut line for lines no regex can match (access logs: the date is
   * mid-line). Never false where those checks on the cut line would pass.
   */
  mayMatchCut(line: string, start: number, end: number): boolean {
    if (this.prefix !== '' && !cutStartsWith(line, start, end, this.prefix)) return false;
    if (this.required !== '' && !cutIncludes(line, start, end, this.required)) return false;
    if (this.requiredAnyOf === undefined) this.findRequiredAnyOf();
    const tail = this.tailAtEnd;
    if (tail !== null) return endsWithTail(line, start, end, start + line.length - end + 1, tail);
    const anyOf = this.requiredAnyOf as RegExp | null;
    // Found in the raw line: maybe in a part (or only in the date: the regex then decides).
    if (anyOf === null || anyOf.test(line)) return true;
    // In neither part: only across the junction, where the meeting pair must be one of the texts'.
    const pairs = this.requiredAnyOfPairs;
    return pairs === null || pairs.has(junctionPair(line, start, end));
  }

  /** The compiled regex, for text of any characters. */
  get re(): RegExp {
    this.unicodeRe ??= newRegExp({ source: this.source, flags: this.matchFlags }, this.origin, this.written);
    return this.unicodeRe;
  }

  /** True when the regex captures something Fail2Ban can use as a failure id. */
  hasFailureId(): boolean {
    return this.groupNames.some((n) => FAILURE_ID_GROUPS.includes(n));
  }

  /**
   * The raw match of `buf` (null when none): read it with {@link captureIndex} and {@link readGroupsExcept}.
   * `ascii`: `buf` has only ASCII characters (a cheaper regex then gives the same answer).
   */
  exec(buf: string, ascii = false): RegExpExecArray | null {
    if (this.prefix !== '' && !buf.startsWith(this.prefix)) return null;
    if (this.required !== '' && !buf.includes(this.required)) return null;
    if (this.lacksRequiredAlternative(buf)) return null;
    return (ascii ? this.asciiRe : this.re).exec(buf);
  }

  /** The capture index of group `name` in `re` (look it up once, read `m[index]` per match), or -1 when it has none. */
  captureIndex(name: string): number {
    const k = this.groupNames.indexOf(name);
    return k < 0 ? -1 : (this.groupIndexes[k] as number);
  }

  /**
   * Fail2Ban's groupdict of a match without group `name`, or null when no other group exists
   * (the prefregex's groups minus its `content`: one object per line, built directly).
   */
  readGroupsExcept(m: RegExpExecArray, name: string): Record<string, string | null> | null {
    if (this.hasComplexNames || this.loopGroups !== null) {
      const all = this.readGroups(m);
      let out: Record<string, string | null> | null = null;
      for (const k in all) if (k !== name) (out ??= {})[k] = all[k] as string | null;
      return out;
    }
    if (this.except?.name !== name) {
      const names = this.exceptGroupNames(name) as string[];
      this.except = { name, names, read: names.length === 0 ? null : this.compileReader(names, []) };
    }
    const { names, read } = this.except;
    if (names.length === 0) return null;
    if (read) return read(m, null);
    // No code generation here: one key at a time.
    const out: Record<string, string | null> = {};
    for (const key of names) out[key] = m[this.groupIndexes[this.groupNames.lastIndexOf(key)] as number] ?? null;
    return out;
  }

  /**
   * The keys {@link readGroupsExcept} gives every match, in order (pass them as another regex's
   * `baseGroups`), or null when they depend on the match (`alt_`/`tuple_` names, groups in repeats).
   */
  exceptGroupNames(name: string): readonly string[] | null {
    if (this.hasComplexNames || this.loopGroups !== null) return null;
    const names: string[] = [];
    for (const n of this.groupNames) if (n !== name && !names.includes(n)) names.push(n);
    return names;
  }

  private compileReader(names: readonly string[], baseNames: readonly string[]): GroupReader | null {
    const indexes = names.map((n) => this.groupIndexes[this.groupNames.lastIndexOf(n)] as number);
    return compileGroupReader(names, indexes, baseNames);
  }

  /**
   * Searches a joined buffer; `lines` are the buffered lines it was joined from (for matched lines).
   * The hit's `groups` is a fresh object the caller may keep and change. `ascii`: as for {@link exec}.
   */
  search(buf: string, lines: readonly LineParts[], base?: Record<string, unknown> | null, ascii = false): RegexHit | null {
    if (this.prefix !== '' && !buf.startsWith(this.prefix)) return null;
    if (this.required !== '' && !buf.includes(this.required)) return null;
    if (this.lacksRequiredAlternative(buf)) return null;
    const m = (ascii ? this.asciiRe : this.re).exec(buf);
    if (!m) return null;
    const groups = this.readGroups(m, base);
    if (lines.length <= 1) return { groups, matched: lines.length === 0 ? [] : (lines as LineParts[]), unmatched: [] };
    const start = m.index;
    const end = start + m[0].length;
    const lineStart = buf.lastIndexOf('\n', start) + 1;
    let lineEnd = buf.indexOf('\n', Math.max(end - 1, 0));
    lineEnd = lineEnd < 0 ? buf.length : lineEnd + 1;
    const first = countNewlines(buf, 0, lineStart);
    const last = countNewlines(buf, 0, lineEnd);
    const matched = lines.slice(first, last);
    const unmatched = lines.slice(0, first);
    let n = 0;
    for (const skipped of this.readSkippedLines(m)) {
      for (let k = n; k < matched.length; k++) {
        const l = matched[k] as LineParts;
        if (l[0] + l[2] === skipped) { unmatched.push(...matched.splice(k, 1)); n = k; break; }
      }
    }
    unmatched.push(...lines.slice(last));
    return { groups, matched, unmatched };
  }

  /**
   * Fail2Ban's groupdict with `alt_`/`tuple_` names merged, laid over `base` (the prefregex groups)
   * when given: the failregex's own groups win, except those that took no part (Fail2Ban 1.1 and later;
   * 1.0 let a null group hide the prefregex's value, which no sample relies on).
   */
  private readGroups(m: RegExpExecArray, base?: Record<string, unknown> | null): Record<string, string | null> {
    // Same keys in the same order as `{ ...base, ...own }`, without the intermediate object.
    const simple = !this.hasComplexNames && this.loopGroups === null;
    if (simple && !base) {
      if (this.ownReader === undefined) this.ownReader = this.compileReader(this.groupNames, []);
      if (this.ownReader) return this.ownReader(m, null);
    } else if (simple && this.baseGroups !== undefined) {
      if (this.baseReader === undefined) this.baseReader = this.compileReader(this.groupNames, this.baseGroups);
      if (this.baseReader) return this.baseReader(m, base as Record<string, unknown>);
    }
    const out: Record<string, unknown> = {};
    if (base) for (const k in base) out[k] = base[k];
    const names = this.groupNames;
    const indexes = this.groupIndexes;
    if (simple) {
      for (let k = 0; k < names.length; k++) out[names[k] as string] = m[indexes[k] as number] ?? out[names[k] as string] ?? null;
      return out as Record<string, string | null>;
    }
    const own: Record<string, string | null> = {};
    for (let k = 0; k < names.length; k++) own[names[k] as string] = m[indexes[k] as number] ?? null;
    this.loopGroups?.apply(m, own);
    if (this.hasComplexNames) this.applyComplexNames(own);
    for (const k in own) if (own[k] !== null || !(k in out)) out[k] = own[k];
    return out as Record<string, string | null>;
  }

  /** Fail2Ban merges `alt_user_1` into `user` (first non-empty wins) and `tuple_id` into `id` (as a list). */
  private applyComplexNames(fail: Record<string, unknown>): void {
    for (const [k, n] of this.altValues) {
      const v = fail[k];
      if (v && !fail[n]) fail[n] = v;
    }
    for (const [k, n] of this.tupleValues) {
      const v = fail[k] ?? null;
      const t = fail[n];
      fail[n] = Array.isArray(t) ? [...(t as unknown[]), v] : [t ?? null, v];
    }
  }

  private readSkippedLines(m: RegExpExecArray): string[] {
    let text = '';
    for (const index of this.skipGroups) text += m[index] ?? '';
    if (text === '') return [];
    const parts = text.split('\n');
    if (parts[parts.length - 1] === '') parts.pop();
    return parts;
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export { HIDDEN_GROUP_PREFIX };
