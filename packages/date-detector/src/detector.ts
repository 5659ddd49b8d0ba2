/** @module detector: finds the date of a log line among ordered templates, trying the last winner first. */
import { buildDirectives } from './_directives.js';
import { resolveDatePatterns, buildDefaultTemplates, type WeightedTemplate } from './_defaults.js';
import { didLastTimeUseNow, type TimeContext } from './_parts.js';
import type { SavedMatch, Template } from './_template.js';
import { resolveLogTimeZone } from './_zones.js';

/** A date found in a line. */
export interface DateMatch {
  /** Epoch seconds (fractional for epoch formats, and for `%f` with `subseconds`). */
  time: number;
  /** Start of the date in the line (UTF-16 index). */
  start: number;
  /** End of the date in the line (UTF-16 index, exclusive). */
  end: number;
  /** Name of the template that matched, as `fail2ban-regex` prints it. */
  template: string;
}

/** A date span found in a line whose time could not be read (e.g. `Feb 30`), or an empty `{NONE}` match. */
export interface DateSpan extends Omit<DateMatch, 'time'> {
  time: number | null;
}

/** Options of {@link createDateDetector}. */
export interface DateDetectorOptions {
  /** Lines of the jail's or filter's `datepattern` (null/undefined/empty = Fail2Ban's default templates). */
  datepattern?: readonly string[] | null;
  /** `logtimezone`: zone of dates that carry none (`UTC`, `UTC+02:00`, `+0200`, `CET`); default: local time (TZ). */
  logtimezone?: string | null;
  /** Epoch seconds "now", for a missing year or day (default: the real time). */
  now?: () => number;
  /** Keep `%f` fractions of a second (Fail2Ban drops them; default false). */
  subseconds?: boolean;
}

/** Finds dates in lines; keeps per-log statistics, so use one detector per log. */
export interface DateDetector {
  /** The date of `line`, or null when no template finds a readable date. */
  detect(line: string): DateMatch | null;
  /** Like detect, but also reports a found span whose time is unreadable (time null). */
  locate(line: string): DateSpan | null;
  /** Template names in their current order. */
  readonly templates: readonly string[];
  /** How many lines each template won, by name. */
  hits(): ReadonlyMap<string, number>;
}

interface Entry {
  readonly template: Template;
  readonly weight: number;
  hits: number;
  regexHits: number;
  lastUsed: number;
  distance: number;
}

const FAR = 0x7fffffff;
// Fail2Ban moves a template over one unused for this long (seconds).
const UNUSED_TIME = 300;
const ALNUM = /^[\p{L}\p{N}]$/u;

/** Char code at `i`, or -1 outside the line (Python's empty one-character slice). */
function codeAt(line: string, i: number): number {
  return i >= 0 && i < line.length ? line.charCodeAt(i) : -1;
}

/** Python's `str.isalnum` for one character (false for none). */
function isAlnum(code: number): boolean {
  if (code < 0) return false;
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  return ALNUM.test(String.fromCharCode(code));
}

class OrderedDetector implements DateDetector {
  private readonly entries: Entry[];
  private readonly ctx: { now: number; defaultZone: number | null; subseconds: boolean };
  private readonly now: () => number;
  private lastIndex = FAR;
  // Where the last date was, and the characters around it (char codes, -1 = none),
  // which decide whether the last template may search only that span.
  private lastStart = 1;
  private lastBefore = -1;
  private lastAt = -1;
  private lastEnd = FAR;
  private lastEndBefore = -1;
  private lastEndAfter = -1;
  private firstUnused = 0;
  private clockValue = 0;
  private clockCalls = 0;
  // The previous line's date text and time: consecutive lines often share a timestamp.
  private cacheTemplate: Template | null = null;
  private cacheText = '';
  private cacheTime: number | null = null;
  private cacheNow = Number.NaN;
  private cacheUsedNow = false;

  constructor(list: readonly WeightedTemplate[], ctx: Omit<TimeContext, 'now'>, now: () => number) {
    this.entries = list.map(({ template, weight }) => ({ template, weight, hits: 0, regexHits: 0, lastUsed: 0, distance: FAR }));
    this.ctx = { now: 0, defaultZone: ctx.defaultZone, subseconds: ctx.subseconds };
    this.now = now;
  }

  get templates(): readonly string[] {
    return this.entries.map((e) => e.template.name);
  }

  hits(): ReadonlyMap<string, number> {
    return new Map(this.entries.map((e) => [e.template.name, e.hits]));
  }

  detect(line: string): DateMatch | null {
    const span = this.locate(line);
    return span === null || span.time === null ? null : (span as DateMatch);
  }

  locate(line: string): DateSpan | null {
    const template = this.matchLine(line);
    if (template === null) return null;
    const start = template.dateStart;
    const end = template.dateEnd;
    let time: number | null = null;
    if (end > start) {
      const now = this.now();
      // the same text gives the same time, unless it depends on a "now" that moved to another second
      if (
        template === this.cacheTemplate &&
        end - start === this.cacheText.length &&
        line.startsWith(this.cacheText, start) &&
        (!this.cacheUsedNow || Math.floor(now) === Math.floor(this.cacheNow))
      ) {
        time = this.cacheTime;
      } else {
        this.ctx.now = now;
        time = template.readTime(this.ctx);
        this.cacheTemplate = template;
        this.cacheText = line.slice(start, end);
        this.cacheTime = time;
        this.cacheNow = now;
        this.cacheUsedNow = didLastTimeUseNow();
      }
    }
    return { time, start, end, template: template.name };
  }

  private search(entry: Entry, line: string, from = 0, to = line.length): boolean {
    const found = entry.template.search(line, from, to);
    if (found) entry.regexHits++;
    return found;
  }

  /** Fail2Ban's matchTime: last winner first (inside its old span when the neighbours agree), then the list in order. */
  private matchLine(line: string): Template | null {
    const entries = this.entries;
    let matched = false;
    let best: SavedMatch | null = null;
    let bestIndex = -1;
    let bestDistance = FAR;
    let skip = FAR;
    let i = this.lastIndex;
    if (i < entries.length) {
      const entry = entries[i] as Entry;
      const template = entry.template;
      if (template.anchored) {
        matched = this.search(entry, line);
        skip = i;
      } else {
        const d = this.lastStart;
        const e = this.lastEnd;
        const leftOk = codeAt(line, d - 1) === this.lastBefore || (codeAt(line, d) === this.lastAt && !isAlnum(this.lastAt));
        const rightOk = codeAt(line, e) === this.lastEndAfter || (codeAt(line, e - 1) === this.lastEndBefore && !isAlnum(this.lastEndBefore));
        if (leftOk && rightOk) {
          matched = this.search(entry, line, d, e);
        } else {
          matched = this.search(entry, line);
          skip = i;
        }
      }
      if (matched && !(entries.length === 1 || template.anchored || (template.index === this.lastStart && template.end === this.lastEnd))) {
        // the last template found a date elsewhere: maybe the format changed; keep it as a fallback
        best = template.saveMatch();
        bestIndex = i;
        bestDistance = template.index;
        matched = false;
      }
    }
    if (!matched) {
      for (i = 0; i < entries.length; i++) {
        if (i === skip) continue;
        const entry = entries[i] as Entry;
        if (!this.search(entry, line)) continue;
        matched = true;
        const distance = entry.template.index;
        if (i + 1 >= entries.length || entry.template.anchored) break;
        if (distance === 0 && entry.hits > 0 && (entries[i + 1] as Entry).regexHits === 0) break;
        if (distance > entry.distance || distance > this.lastStart) {
          // a date further into the line than before: maybe text in the message; keep looking
          if (distance < bestDistance) {
            best = entry.template.saveMatch();
            bestIndex = i;
            bestDistance = distance;
          }
          matched = false;
          continue;
        }
        break;
      }
      if (!matched && best !== null) {
        i = bestIndex;
        (entries[i] as Entry).template.restoreMatch(best);
        matched = true;
      }
    }
    if (!matched) return null;
    const entry = entries[i] as Entry;
    const template = entry.template;
    const distance = template.index;
    const endpos = template.end;
    entry.hits++;
    entry.lastUsed = this.clock();
    entry.distance = distance;
    if (this.firstUnused === i) this.firstUnused++;
    this.lastStart = distance;
    this.lastBefore = codeAt(line, distance - 1);
    this.lastAt = codeAt(line, distance);
    this.lastEnd = endpos;
    // (Python's line[-1] when the date ends at 0: the last character)
    this.lastEndBefore = codeAt(line, endpos > 0 ? endpos - 1 : line.length - 1);
    this.lastEndAfter = codeAt(line, endpos);
    if (i !== 0 && i !== this.lastIndex) i = this.reorder(i);
    this.lastIndex = i;
    return template;
  }

  /** Wall-clock seconds for "last used" marks; only compared at 300 s scale, so refreshed every 1024 wins. */
  private clock(): number {
    if ((this.clockCalls++ & 1023) === 0) this.clockValue = Date.now() / 1000;
    return this.clockValue;
  }

  /** Bubbles a winning template up the list, as Fail2Ban does, so frequent formats are tried early. */
  private reorder(index: number): number {
    const entries = this.entries;
    const entry = entries[index] as Entry;
    const unusedSince = entry.lastUsed - UNUSED_TIME;
    const weight = (e: Entry): number => (e.hits * e.weight) / Math.max(1, e.distance);
    const own = weight(entry);
    let pos = this.firstUnused < index ? this.firstUnused : index >> 1;
    const movable = (): boolean => {
      const target = entries[pos] as Entry;
      return own > weight(target) || unusedSince > target.lastUsed;
    };
    if (!movable()) {
      if (pos === index - 1) return index;
      pos = index - 1;
      if (!movable()) return index;
    }
    entries.splice(index, 1);
    entries.splice(pos, 0, entry);
    while (this.firstUnused < entries.length && (entries[this.firstUnused] as Entry).hits > 0) this.firstUnused++;
    return pos;
  }
}

/**
 * Creates a date detector. Throws DatePatternError (code `E_DATEPATTERN`) for
 * an invalid datepattern and TimeZoneError (code `E_LOGTIMEZONE`) for an
 * invalid logtimezone.
 */
export function createDateDetector(options: DateDetectorOptions = {}): DateDetector {
  const now = options.now ?? (() => Date.now() / 1000);
  const nowYear = Math.max(new Date().getFullYear(), new Date(now() * 1000).getFullYear());
  const directives = buildDirectives(nowYear);
  const patterns = options.datepattern ?? [];
  const list = patterns.some((p) => p.trim() !== '') ? resolveDatePatterns(patterns, directives) : buildDefaultTemplates(directives).all;
  const ctx = { defaultZone: resolveLogTimeZone(options.logtimezone), subseconds: options.subseconds === true };
  return new OrderedDetector(list, ctx, now);
}
