/** @module template: one compiled date template — a regex, where the date sits in its match, and how to read the time. */
import { computeTime, FieldValues, type FieldKey } from './_fields.js';
import { createDateParts, timeFromParts, type DateParts, type TimeContext } from './_parts.js';
import type { SyslogMatch } from './_syslog.js';
import { readShape } from './_shape.js';
import type { LinePrefilter } from './_prefilter.js';

/**
 * A matcher that gives exactly the regex's answer without running it (see _syslog.ts), or null
 * when it is not sure: the regex then decides (see _access.ts).
 */
export type FastMatcher = (line: string, out: SyslogMatch, parts: DateParts) => boolean | null;

/**
 * What a {@link FastMatcher} whose date sits mid-line (access logs) looks at, so a detector can
 * tell that a line gets its last answer without running it: `anchor(line)` is where the date can
 * start (-1: nowhere), and the matcher's answer depends only on that and the characters from
 * there to one past the date's end. `clock` is the offset from the anchor of a two-digit
 * `hh:mm:ss` that the matcher reads with hour tens 0-2 (hour 0-23), minute and second tens 0-5.
 */
export interface FastSpan {
  readonly anchor: (line: string) => number;
  readonly clock: number;
}

/** Options of {@link Template}. */
export interface TemplateInit {
  readonly name: string;
  readonly source: string;
  readonly flags: string;
  /** field read from each capture group (1-based; index 0 unused). */
  readonly groups: ReadonlyArray<FieldKey | null>;
  /** The date is group 1 and ends where the whole match ends (no `d` flag needed). */
  readonly spanIsTail: boolean;
  readonly lineBegin: boolean;
  readonly lineEnd: boolean;
  /** A zero-width suffix of `source` after the date's group (see readShape). */
  readonly tail?: string;
  /** The datepattern text (with `%` directives), or null for hand-built templates. */
  readonly pattern: string | null;
  /** Fail2Ban's TAI64N reading (hex seconds), not strptime fields. */
  readonly tai64n?: boolean;
  readonly fast?: FastMatcher;
  /** See {@link FastSpan}; only with `fast`. */
  readonly fastSpan?: FastSpan;
  /** A test every line the template matches passes, run before a search of a whole line (see _prefilter.ts). */
  readonly prefilter?: LinePrefilter;
}

/**
 * A built-in template as listed before it is first tried: what ordering and reporting need now, and
 * how to make the rest (its regex translated, its shape read) on first use.
 */
export interface DeferredTemplateInit {
  readonly name: string;
  readonly pattern: string | null;
  readonly lineBegin: boolean;
  readonly lineEnd: boolean;
  readonly build: () => TemplateInit;
}

/** A match kept aside while other templates are tried. */
export interface SavedMatch {
  readonly exec: RegExpExecArray | null;
  readonly parts: DateParts;
  readonly index: number;
  readonly end: number;
  readonly dateStart: number;
  readonly dateEnd: number;
}

/**
 * A compiled template. After a successful {@link Template.search} its match
 * fields describe that match (no allocation for the fast path); per-detector
 * statistics live in the detector.
 */
export class Template {
  readonly name: string;
  readonly pattern: string | null;
  /** True when the regex is tied to line start or end (Fail2Ban's LINE_BEGIN / LINE_END). */
  readonly anchored: boolean;
  readonly lineBegin: boolean;
  /** Built on first use: most of the ~30 default templates never run, and compiling them all was most of start-up. */
  private compiled: RegExp | null = null;
  /** The rest of a built-in template, made when it is first tried (null: made). */
  private deferred: (() => TemplateInit) | null = null;
  private source = '';
  private flags = '';
  /** Start of the whole match (Fail2Ban's "distance"). */
  index = 0;
  /** End of the whole match. */
  end = 0;
  /** Span of the date (group 1). */
  dateStart = 0;
  dateEnd = 0;
  /** Leading characters that decided the current match (see SyslogMatch.depends); 0 = unknown. */
  depends = 0;
  /** Where a two-digit `hh:mm:ss` starts in the current match (see SyslogMatch.clock); -1 = none. */
  clock = -1;
  /** With `clock`: the highest hour that keeps the match (see SyslogMatch.clockHourMax). */
  clockHourMax = 29;
  /** With `clock`: fraction digits that may change too (see SyslogMatch.fraction); -1 = none. */
  fraction = -1;
  fractionLength = 0;
  private exec: RegExpExecArray | null = null;
  private fields: ReadonlyArray<readonly [number, FieldKey]> = [];
  private spanIsTail = false;
  private startAnchored = false;
  private tai64n = false;
  private readonly values = new FieldValues();
  private fast: FastMatcher | undefined = undefined;
  private span: FastSpan | undefined = undefined;
  private parts = createDateParts();
  private readonly fastOut: SyslogMatch = { start: 0, end: 0, depends: 0, clock: -1 };
  private prefilter: LinePrefilter | null = null;

  constructor(init: TemplateInit | DeferredTemplateInit) {
    this.name = init.name;
    this.pattern = init.pattern;
    this.lineBegin = init.lineBegin;
    this.anchored = init.lineBegin || init.lineEnd;
    if ('build' in init) this.deferred = init.build;
    else this.setUp(init);
  }

  private setUp(init: TemplateInit): void {
    this.deferred = null;
    // Group 1 closing the regex (`^[^\[]*\[({DATE})` …) ends where the match ends too: then its span
    // needs no `d` flag, which made each match of an access-log date about four times dearer.
    const shape = readShape(init.source, init.tail ?? '');
    this.spanIsTail = init.spanIsTail || shape.group1IsTail;
    // Python's `^` (no MULTILINE) cannot match past the position a search starts at: such a search is skipped.
    this.startAnchored = shape.startAnchored && !init.flags.includes('m');
    this.tai64n = init.tai64n === true;
    this.fast = init.fast;
    this.span = init.fast === undefined ? undefined : init.fastSpan;
    this.source = init.source;
    this.prefilter = init.prefilter ?? null;
    this.flags = `g${this.spanIsTail ? '' : 'd'}u${init.flags}`;
    const fields: Array<readonly [number, FieldKey]> = [];
    init.groups.forEach((field, index) => {
      if (field !== null && index > 0) fields.push([index, field]);
    });
    this.fields = fields;
  }

  /** See {@link FastSpan}. */
  get fastSpan(): FastSpan | undefined {
    if (this.deferred !== null) this.setUp(this.deferred());
    return this.span;
  }

  /** The flags {@link regex} is built with. */
  get flagsForCheck(): string {
    if (this.deferred !== null) this.setUp(this.deferred());
    return this.flags;
  }

  /** The template's regex (global, so searches may start anywhere). */
  get regex(): RegExp {
    if (this.deferred !== null) this.setUp(this.deferred());
    return (this.compiled ??= new RegExp(this.source, this.flags));
  }

  /** Searches `line` from `from`, as if the line ended at `to` (Python's `search(line, pos, endpos)`). */
  search(line: string, from: number, to: number): boolean {
    if (this.deferred !== null) this.setUp(this.deferred());
    if (this.fast !== undefined && from === 0 && to >= line.length) {
      // the fast matcher sets every part it reads; the others stay NaN
      this.exec = null;
      const found = this.fast(line, this.fastOut, this.parts);
      if (found === false) return false;
      if (found === true) {
        this.index = 0;
        this.end = this.dateEnd = this.fastOut.end;
        this.dateStart = this.fastOut.start;
        this.depends = this.fastOut.depends;
        this.clock = this.fastOut.clock;
        this.clockHourMax = this.fastOut.clockHourMax ?? 29;
        this.fraction = this.fastOut.fraction ?? -1;
        this.fractionLength = this.fastOut.fractionLength ?? 0;
        return true;
      }
    }
    if (from > 0 && this.startAnchored) return false;
    if (this.prefilter !== null && from === 0 && to >= line.length && !this.prefilter.admits(line)) return false;
    const text = to < line.length ? line.slice(0, to) : line;
    const regex = this.regex;
    regex.lastIndex = from;
    const m = regex.exec(text);
    if (m === null) return false;
    this.takeExec(m);
    return true;
  }

  /** The current match came from the fast matcher (its parts are read, no regex ran). */
  get matchedFast(): boolean {
    return this.exec === null && this.fast !== undefined;
  }

  private takeExec(m: RegExpExecArray): void {
    this.exec = m;
    this.depends = 0;
    this.clock = -1;
    this.fraction = -1;
    this.index = m.index;
    this.end = m.index + m[0].length;
    if (this.spanIsTail) {
      this.dateStart = this.end - (m[1]?.length ?? 0);
      this.dateEnd = this.end;
    } else {
      const span = m.indices?.[1];
      this.dateStart = span === undefined ? m.index : span[0];
      this.dateEnd = span === undefined ? m.index : span[1];
    }
  }

  /** Keeps the current match aside (rare: a date found further into the line than expected). */
  saveMatch(): SavedMatch {
    return { exec: this.exec, parts: { ...this.parts }, index: this.index, end: this.end, dateStart: this.dateStart, dateEnd: this.dateEnd };
  }

  /** Makes a saved match current again. */
  restoreMatch(saved: SavedMatch): void {
    this.exec = saved.exec;
    this.depends = 0;
    this.clock = -1;
    this.fraction = -1;
    this.parts = { ...saved.parts };
    this.index = saved.index;
    this.end = saved.end;
    this.dateStart = saved.dateStart;
    this.dateEnd = saved.dateEnd;
  }

  /**
   * Epoch seconds of the current fast match with another time of day: for a
   * line that differs from the matched one only in its clock digits.
   */
  readTimeAt(hour: number, minute: number, second: number, ctx: TimeContext, fraction = this.parts.fraction): number | null {
    this.parts.fraction = fraction;
    this.parts.hour = hour;
    this.parts.minute = minute;
    this.parts.second = second;
    return timeFromParts(this.parts, ctx);
  }

  /** Epoch seconds of the current match, or null when the matched date is impossible. */
  readTime(ctx: TimeContext): number | null {
    const m = this.exec;
    if (m === null) return timeFromParts(this.parts, ctx);
    if (this.tai64n) return parseInt((m[1] ?? '').slice(2, 17), 16);
    const values = this.values;
    values.clear();
    const fields = this.fields;
    for (let k = 0; k < fields.length; k++) {
      const [index, key] = fields[k] as readonly [number, FieldKey];
      const value = m[index];
      if (value !== undefined) values.take(key, value);
    }
    return computeTime(values, ctx);
  }
}
