/** @module filter: runs a compiled filter over log lines (date cut, prefregex, ignoreregex, failregex, multi-line). */
import { FilterSpecError } from './errors.js';
import { FilterRegex, joinLineBuffer, type LineParts, type RegexHit } from './regex.js';
import { MlfidCache, isTruthy, mergeCounts, mergeFailure, type FailData } from './_multiline.js';
import type { CountData, CountReader } from './_group-readers.js';
import { endsWithContent } from './_content.js';
import { buildFailure, countFailureIds, identifyFailure, type FoundFailure } from './_identify.js';
import { buildSkipTable, isAsciiText, skipSlot } from './_skip-table.js';
import { cutCharCode } from './_cut-line.js';
import type { DetectDate, FilterDefinition, Failure, LineResult, UseDns } from './types.js';
import type { HostResolver } from './dns.js';

/** Options of {@link compileFilter}. */
export interface FilterOptions {
  /** `usedns` (default `raw`: host names are kept as written, never looked up). */
  readonly useDns?: UseDns;
  /** Finds and parses the date of a line (usually @f2b/date-detector's `detect`); null: lines carry no date. */
  readonly detectDate?: DetectDate | null;
  /** Current time in epoch seconds (default: the real clock); used for lines without a date. */
  readonly now?: () => number;
  /** Longer lines are cut to this many characters before matching (default 8192) so regex cost stays bounded. */
  readonly maxLineLength?: number;
  /** Try every failregex on every line (Fail2Ban's checkAllRegex; its sample tests use it). */
  readonly checkAllRegex?: boolean;
  /** Also return NOFAIL failures (marked `nofail: true`). */
  readonly reportNoFail?: boolean;
  /** Resolver for host names when useDns is `yes` or `warn` (default: none, names are kept). */
  readonly resolver?: HostResolver;
  /**
   * Count failures without building them: `fails` stays empty and `failCount` says how many there
   * were (for summaries such as f2b-regex's report). Multi-line state is kept exactly as usual.
   */
  readonly countOnly?: boolean;
}

/** Per-line options. */
export interface ProcessLineOptions {
  /** The line's time is known (journal entries): no date is searched for. Epoch seconds. */
  readonly time?: number;
  /** The line has no date: its time is `now` (f2b-regex `--no-date`). */
  readonly noDate?: boolean;
  /**
   * The line still ends with the `\n` it was read with (a last line may lack one). The newline is
   * not part of the line; keeping it lets the filter match the line without copying it, because
   * Fail2Ban's regexes run on the line with a newline appended.
   */
  readonly terminated?: boolean;
  /**
   * Whether the line has only ASCII characters (U+0000–U+007F), when the caller knows it (f2b-regex
   * checks whole blocks of a file at once); left out, the filter checks. On ASCII text the filter
   * runs cheaper forms of its regexes that give the same answers.
   */
  readonly ascii?: boolean;
}

/** A filter ready to run; it keeps multi-line state between lines, so use one per log. */
export interface Filter {
  readonly definition: FilterDefinition;
  readonly failregex: readonly FilterRegex[];
  readonly ignoreregex: readonly FilterRegex[];
  readonly prefregex: FilterRegex | null;
  processLine(line: string, options?: ProcessLineOptions): LineResult;
}

/**
 * Compiles every regex of a filter. Throws RegexTranslationError (naming the file and regex) when a
 * regex cannot be translated, and FilterSpecError when a failregex has no failure-id group.
 */
export function compileFilter(definition: FilterDefinition, options: FilterOptions = {}): Filter {
  return new CompiledFilter(definition, options);
}

/** Default cap on a line's characters: longer lines are cut before any regex runs (see FilterOptions.maxLineLength). */
export const DEFAULT_MAX_LINE_LENGTH = 8192;

/** LineResult while it is being filled in (one object per line, no spreads on the hot path). */
interface LineState {
  fails: Failure[]; failCount: number; ignored: boolean; failregexHits: number[]; ignoreregexHits: number[];
  prefregexMatched: boolean; pending: number; nofail: number; dateTemplate: string | null; truncated: boolean;
}

// Most lines produce no failures and no hits: they share these (frozen, so a stray push throws).
const NO_FAILS = Object.freeze([]) as unknown as Failure[];
const NO_HITS = Object.freeze([]) as unknown as number[];
const NO_LINES = Object.freeze([]) as unknown as LineParts[];

function newLineState(dateTemplate: string | null, truncated: boolean): LineState {
  return {
    fails: NO_FAILS, failCount: 0, ignored: false, failregexHits: NO_HITS, ignoreregexHits: NO_HITS,
    prefregexMatched: false, pending: 0, nofail: 0, dateTemplate, truncated,
  };
}

function addHit(hits: number[], index: number): number[] {
  if (hits === NO_HITS) return [index];
  hits.push(index);
  return hits;
}


class CompiledFilter implements Filter {
  readonly failregex: FilterRegex[];
  readonly ignoreregex: FilterRegex[];
  readonly prefregex: FilterRegex | null;
  private readonly now: () => number;
  private readonly useDns: UseDns;
  private readonly maxLine: number;
  private readonly checkAll: boolean;
  private readonly countOnly: boolean;
  /**
   * Count-only runs of single-line filters read only the fields counting needs into objects of one
   * shape (see COUNT_KEYS), when every regex allows: building each match's whole groupdict and
   * merging it key by key into a connection's was a fifth of f2b-regex's time on sshd logs.
   */
  private readonly countRead: boolean;
  /**
   * A count-only single-line run without prefregex and without the up-front ignoreregex check:
   * a line whose date is cut from its middle is first asked whether any failregex may match it
   * (see mayMatchCut), and only then copied without its date.
   */
  private readonly prefilterCut: boolean;
  private readonly prefCounts: CountReader | null;
  /** See {@link endsWithContent}. */
  private readonly contentAtEnd: boolean;
  /** Capture index of the prefregex's `<F-CONTENT>` (-1: none), looked up once rather than per line. */
  private readonly contentGroup: number;
  private readonly mlfid: MlfidCache;
  private buffer: LineParts[] = [];
  /** See {@link buildSkipTable}: the next failregex worth running for a buffer's first character. */
  private readonly skipTable: Uint8Array | Uint16Array;
  // NaN, not null, for "none yet": a field that only ever holds numbers stores them in place, where
  // a null-or-number field boxes each new time in a fresh heap object (one per line).
  private lastDate = Number.NaN;
  private lastTimeText = '';
  /** The shared result of the last line turned down by the prefilters (see nothingFound). */
  private lastNothing: LineResult | null = null;

  constructor(readonly definition: FilterDefinition, private readonly options: FilterOptions) {
    const file = definition.file;
    this.useDns = options.useDns ?? 'raw';
    this.now = options.now ?? (() => Date.now() / 1000);
    this.maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    this.checkAll = options.checkAllRegex ?? false;
    this.countOnly = options.countOnly ?? false;
    this.mlfid = new MlfidCache(this.now);
    if (!Number.isInteger(definition.maxlines) || definition.maxlines < 1) {
      throw new FilterSpecError(file, `maxlines ${definition.maxlines} is not a positive integer`);
    }
    const multiline = definition.maxlines > 1;
    const common = { file, useDns: this.useDns };
    this.prefregex = definition.prefregex ? new FilterRegex(definition.prefregex, { ...common, role: 'prefregex' }) : null;
    this.ignoreregex = definition.ignoreregex.map((r) => new FilterRegex(r, { ...common, role: 'ignoreregex' }));
    // Every line's prefregex groups (but content) have the same keys: failregexes can build on them in one step.
    const baseGroups = this.prefregex?.exceptGroupNames('content') ?? undefined;
    this.failregex = definition.failregex.map((r) => new FilterRegex(r, { ...common, role: 'failregex', multiline, baseGroups }));
    this.skipTable = buildSkipTable(this.failregex.map((fr) => fr.firstChars));
    this.prefCounts = this.prefregex?.countGroupsReader() ?? null;
    this.countRead = this.countOnly && !multiline && (this.prefregex === null || this.prefCounts !== null)
      && this.failregex.every((fr) => fr.countGroupsReader() !== null);
    this.prefilterCut = this.countRead && this.prefregex === null && !this.checksIgnoreFirst();
    this.contentAtEnd = this.prefregex !== null && endsWithContent(this.prefregex);
    this.contentGroup = this.prefregex?.captureIndex('content') ?? -1;
    const prefHasId = this.prefregex?.hasFailureId() ?? false;
    for (const fr of this.failregex) {
      if (!fr.hasFailureId() && !prefHasId) {
        throw new FilterSpecError(file, `failregex ${JSON.stringify(fr.written)} has no failure-id group (<HOST>, <ADDR>, <F-ID> …)`);
      }
    }
  }

  processLine(givenLine: string, options?: ProcessLineOptions): LineResult {
    // A line read with its newline: `withNewline` is the text regexes run on when nothing is cut
    // from its start (see ProcessLineOptions.terminated).
    const withNewline = options?.terminated && givenLine.charCodeAt(givenLine.length - 1) === 10 ? givenLine : null;
    const rawLine = withNewline === null ? givenLine : givenLine.slice(0, -1);
    const truncated = rawLine.length > this.maxLine;
    const line = truncated ? rawLine.slice(0, this.maxLine) : rawLine;
    // The joined buffer (see joinLineBuffer) as a slice of the given line, when it is one.
    let joined = truncated ? null : withNewline;
    let parts: LineParts | null = null;
    let date: number | null = null;
    let dateTemplate: string | null = null;
    if (options?.time !== undefined) {
      date = options.time;
    } else if (options?.noDate || !this.options.detectDate) {
      date = this.now();
    } else {
      const hit = this.options.detectDate(line);
      if (hit && !Number.isNaN(hit.time)) {
        // The date text is only ever printed (in a failure's matches): counting needs no copy of it.
        const dateText = this.countOnly ? '' : line.slice(hit.start, hit.end);
        joined = joined !== null && hit.start === 0 ? joined.slice(hit.end) : null;
        date = hit.time;
        dateTemplate = hit.template;
        this.lastDate = date;
        this.lastTimeText = dateText;
        // Nothing to count on this line, found without copying any of it: the result of a line no failregex matches.
        if (joined === null && this.prefilterCut && !this.mayMatchCut(line, hit.start, hit.end)) return this.nothingFound(dateTemplate, truncated);
        // A count-only single-line run matches the joined slice alone (see findFailures): no parts needed.
        if (!this.countRead || joined === null) {
          parts = [hit.start === 0 ? '' : line.slice(0, hit.start), dateText, line.slice(hit.end)];
        }
      } else if (hit) {
        // Found but unreadable (time NaN): the last date if it is recent, with the whole line as
        // its text; otherwise Fail2Ban still cuts the date out, and the line has no date.
        dateTemplate = hit.template;
        if (this.lastDate > this.now() - 60) {
          parts = ['', this.lastTimeText, line];
          date = this.lastDate;
        } else {
          parts = [line.slice(0, hit.start), line.slice(hit.start, hit.end), line.slice(hit.end)];
          joined = joined !== null && hit.start === 0 ? joined.slice(hit.end) : null;
        }
      } else if (this.lastDate > this.now() - 60) {
        // No date: Fail2Ban reuses the last one seen if it is recent (none yet: NaN compares false).
        parts = ['', this.lastTimeText, line];
        date = this.lastDate;
      }
    }
    const state = newLineState(dateTemplate, truncated);
    // Multi-line filters look at their joined buffer instead (see findFailures).
    const ascii = options?.ascii ?? (this.definition.maxlines === 1 && isAsciiText(line));
    const found = this.findFailures(this.countRead && joined !== null ? null : (parts ?? ['', '', line]), joined, date ?? this.now(), state, ascii);
    let nofail = 0;
    for (let k = 0; k < found.length; k++) if ((found[k] as Failure).nofail) nofail++;
    state.nofail += nofail;
    state.fails = nofail === 0 || this.options.reportNoFail ? found : found.filter((f) => !f.nofail);
    if (!this.countOnly) state.failCount = state.fails.length;
    return state;
  }

  /**
   * The result of a line the prefilters turned down: one frozen object while the date template stays
   * the same (access logs: most lines), instead of one per line for the young generation to collect.
   */
  private nothingFound(dateTemplate: string | null, truncated: boolean): LineResult {
    const last = this.lastNothing;
    if (last !== null && last.dateTemplate === dateTemplate && last.truncated === truncated) return last;
    return (this.lastNothing = Object.freeze(newLineState(dateTemplate, truncated)));
  }

  /** Fail2Ban checks ignoreregex up front (before prefregex and failregex) only when there are clearly fewer of them than failregexes. */
  private checksIgnoreFirst(): boolean {
    return this.ignoreregex.length > 0 && this.ignoreregex.length < this.failregex.length - 2;
  }

  /**
   * False when no failregex can match `line` with [start, end) cut out (joinLineBuffer of its
   * parts): the skip table's regexes for the cut line's first character all fail their prefilters.
   */
  private mayMatchCut(line: string, start: number, end: number): boolean {
    const skip = this.skipTable;
    const count = this.failregex.length;
    const row = skipSlot(cutCharCode(line, start, end, 0)) * (count + 1);
    for (let index = skip[row] as number; index < count; index = skip[row + index + 1] as number) {
      if ((this.failregex[index] as FilterRegex).mayMatchCut(line, start, end)) return true;
    }
    return false;
  }

  /**
   * Runs the ignoreregexes (on the failregex's own lines in multi-line mode); true when one matched.
   * The caller then drops the hit's lines from its buffer, as Fail2Ban does.
   */
  private matchIgnore(text: string, ascii: boolean, org: readonly LineParts[], hit: RegexHit | null, state: LineState): boolean {
    const maxlines = this.definition.maxlines;
    let lines: readonly LineParts[] = org;
    if (hit && maxlines > 1) { lines = hit.matched; text = joinLineBuffer(lines); ascii = isAsciiText(text); }
    let found = false;
    for (let k = 0; k < this.ignoreregex.length; k++) {
      if (!(this.ignoreregex[k] as FilterRegex).search(text, lines, null, ascii)) continue;
      found = true;
      state.ignored = true;
      state.ignoreregexHits = addHit(state.ignoreregexHits, k);
      if (!this.checkAll) break;
    }
    return found;
  }

  /** What building `ids` failures and filtering them in processLine would have counted. */
  private countFailures(ids: number, nofail: boolean, state: LineState): void {
    if (!nofail) { state.failCount += ids; return; }
    state.nofail += ids;
    if (this.options.reportNoFail) state.failCount += ids;
  }

  /**
   * `parts` is null only for count-only single-line runs that have `joined` (no line is ever read from the buffer there).
   * `joined` is `joinLineBuffer([parts])` when the caller has it without copying (single-line filters
   * only); `lineAscii` tells whether the new line has only ASCII characters (single-line filters).
   */
  private findFailures(parts: LineParts | null, joined: string | null, date: number, state: LineState, lineAscii: boolean): Failure[] {
    let out: Failure[] = NO_FAILS;
    const maxlines = this.definition.maxlines;
    const single = maxlines === 1;
    // Only multi-line filters keep their buffer between lines (this.buffer); a single-line filter's
    // is a local, so the filter object (long-lived, in V8's old generation) takes no store per line.
    let buffer: LineParts[];
    if (single) {
      buffer = parts === null ? NO_LINES : [parts];
    } else {
      buffer = this.buffer;
      buffer.push(parts as LineParts);
      if (buffer.length > maxlines) this.buffer = buffer = buffer.slice(-maxlines);
    }
    const org = buffer;
    let buf: string | null = single && joined !== null ? joined : joinLineBuffer(org);
    let code0 = buf.charCodeAt(0);
    // A single-line buffer is (a slice of) the new line; older buffered lines need a look.
    let ascii = single ? lineAscii : isAsciiText(buf);
    if (this.checksIgnoreFirst() && this.matchIgnore(buf, ascii, org, null, state)) return out;
    let pre: FailData | null = null;
    if (this.prefregex) {
      const m = this.prefregex.exec(buf, ascii);
      if (!m) return out;
      state.prefregexMatched = true;
      const content = this.contentGroup < 0 ? null : m[this.contentGroup] ?? null;
      pre = this.countRead ? (this.prefCounts as CountReader)(m, null) : this.prefregex.readGroupsExcept(m, 'content');
      if (content) {
        // (A count-only single-line run replaces its buffer before it ever joins it again.)
        if (!this.countRead) buffer = [['', '', content]];
        if (!single) this.buffer = buffer;
        buf = this.contentAtEnd ? (buf as string).slice((buf as string).length - 1 - content.length) : `${content}\n`;
        code0 = buf.charCodeAt(0);
      }
    }
    const skip = this.skipTable;
    const count = this.failregex.length;
    for (let index = 0; ; index++) {
      if (buf === null) {
        buf = joinLineBuffer(buffer);
        code0 = buf.charCodeAt(0);
        ascii = single ? lineAscii : isAsciiText(buf);
      }
      // Most lines fail most regexes on their first literal character: jump past those at once.
      index = skip[skipSlot(code0) * (count + 1) + index] as number;
      if (index >= count) break;
      const fr = this.failregex[index] as FilterRegex;
      // Prefregex groups come first and the failregex's own groups win unless they took no part, as in Fail2Ban 1.1.
      // The groups object is fresh for every search (prefregex groups included), so it becomes the failure.
      let fail: FailData;
      let hit: RegexHit | null = null;
      if (this.countRead) {
        const counted = fr.searchCounts(buf, pre as CountData | null, ascii);
        if (counted === null) continue;
        fail = counted;
      } else {
        hit = fr.search(buf, org, pre, ascii);
        if (!hit) continue;
        fail = hit.groups;
      }
      if (this.ignoreregex.length > 0 && this.matchIgnore(buf, ascii, org, hit, state)) {
        if (!this.checkAll || !single) {
          buffer = hit === null ? NO_LINES : hit.unmatched;
          if (!single) this.buffer = buffer;
        }
        buf = null;
        if (!this.checkAll) break;
        continue;
      }
      state.failregexHits = addHit(state.failregexHits, index);
      if (!this.checkAll || !single) {
        buffer = hit === null ? NO_LINES : hit.unmatched;
        if (!single) this.buffer = buffer;
        buf = null;
      }
      const mlfid = fail['mlfid'];
      if (mlfid !== null && mlfid !== undefined) {
        // Counting needs no lines: the merge keeps the same state with or without them.
        fail = this.countRead
          ? mergeCounts(this.mlfid, String(mlfid), fail as CountData)
          : mergeFailure(this.mlfid, String(mlfid), fail, this.countOnly ? null : (hit as RegexHit).matched);
        // The cached failure object is shared on purpose: a pending mark below must reach the cache.
        if (isTruthy(fail['nofail']) && !this.checkAll) { state.nofail++; return out; }
      } else if (!this.countOnly) {
        fail['matches'] = [...((fail['matches'] as LineParts[] | undefined) ?? []), ...(hit as RegexHit).matched];
      }
      if (this.countOnly) {
        const ids = countFailureIds(fail, mlfid, this.useDns);
        if (typeof ids === 'number') {
          this.countFailures(ids, isTruthy(fail['nofail']), state);
          if (!this.checkAll) break;
          continue;
        }
      }
      const result: FoundFailure | 'pending' | 'invalid' = identifyFailure(fail, mlfid, this.useDns, this.options.resolver);
      if (result === 'invalid') continue;
      if (result === 'pending') {
        fail['mlfpending'] = 1;
        if (!this.checkAll) return out;
        if (isTruthy(fail['nofail'])) state.nofail++;
        else state.pending++;
        continue;
      }
      if (this.countOnly) this.countFailures(result.ids.length, isTruthy(fail['nofail']), state);
      else {
        if (out === NO_FAILS) out = [];
        for (const id of result.ids) out.push(buildFailure(id, result, fail, date, index));
      }
      if (!this.checkAll) break;
    }
    return out;
  }
}
