/** @module detector: finds the date of a log line among ordered templates, trying the last winner first. */
import { buildDirectives } from './_directives.js';
import { resolveDatePatterns, buildDefaultTemplates, type WeightedTemplate } from './_defaults.js';
import { didLastTimeUseNow, type TimeContext } from './_parts.js';
import type { FastSpan, SavedMatch, Template } from './_template.js';
import { resolveLogTimeZone } from './_zones.js';
import { codeAt, isAlnum } from './_chars.js';
import { CLOCK, DIFFERENT, SAME, TextMemo } from './_memo.js';
import { moveWinner, type Entry } from './_order.js';
import type { DateDetector, DateDetectorOptions, DateMatch, DateSpan } from './types.js';

const FAR = 0x7fffffff;

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
  private readonly cacheText = new TextMemo();
  private cacheTime: number | null = null;
  private cacheSecond = Number.NaN;
  private cacheUsedNow = false;
  // The characters that decided the last match, when they alone did (see find).
  private readonly hot = new TextMemo();
  // The last date and the character after it, when a mid-line fast matcher found it (see FastSpan):
  // a line with the same characters after the same anchor gets the same answer there.
  private readonly span = new TextMemo();
  // What the last find found (see find).
  private foundTime: number | null = null;
  private foundStart = 0;
  private foundEnd = 0;
  private foundName = '';
  // detect's answer for the found… fields, until they change (see detect)
  private result: Readonly<DateMatch> | null = null;

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

  detect(line: string): Readonly<DateMatch> | null {
    if (!this.find(line) || this.foundTime === null) return null;
    // read-only by contract (not frozen: freezing costs more than the allocation it saves),
    // so lines with the same date share one result
    this.result ??= { time: this.foundTime, start: this.foundStart, end: this.foundEnd, template: this.foundName };
    return this.result;
  }

  detectInto(line: string, out: DateMatch): boolean {
    if (!this.find(line) || this.foundTime === null) return false;
    out.time = this.foundTime;
    out.start = this.foundStart;
    out.end = this.foundEnd;
    out.template = this.foundName;
    return true;
  }

  detectSpanInto(line: string, out: DateMatch): boolean {
    if (!this.find(line)) return false;
    if (this.foundTime === null) {
      if (this.foundEnd <= this.foundStart) return false;
      out.time = Number.NaN;
    } else {
      out.time = this.foundTime;
    }
    out.start = this.foundStart;
    out.end = this.foundEnd;
    out.template = this.foundName;
    return true;
  }

  locate(line: string): DateSpan | null {
    if (!this.find(line)) return null;
    return { time: this.foundTime, start: this.foundStart, end: this.foundEnd, template: this.foundName };
  }

  /** Finds the date of `line` into the `found…` fields; false when no template matches. */
  private find(line: string): boolean {
    // The hot path: the line starts with the characters that decided the last
    // match (or differs only in the clock digits, see TextMemo.compareStart), so
    // the same template wins in the same place; the statistics move exactly as
    // the full path would move them.
    if (this.hot.length > 0) {
      const same = this.hot.compareStart(line);
      if (same === SAME && (!this.cacheUsedNow || Math.floor(this.now()) === this.cacheSecond)) {
        this.countHotHit();
        this.foundTime = this.cacheTime;
        return true;
      }
      if (same === CLOCK) {
        this.countHotHit();
        // the last character of the date may be a clock (or fraction) digit
        const last = this.lastEnd - 1;
        this.lastEndBefore = last < this.hot.length ? this.hot.codeAt(last) : codeAt(line, last);
        this.foundTime = this.readClock(this.hot);
        this.result = null;
        return true;
      }
    }
    if (this.span.length > 0 && this.findInSpan(line)) {
      // The line start differed from the one remembered (a date mid-line, after text that changes
      // from line to line, as an access log's address): checking it again on the next line would
      // mostly fail too, after comparing the date's characters that findInSpan compares anyway.
      this.hot.length = 0;
      return true;
    }
    this.hot.length = 0;
    this.span.length = 0;
    this.result = null;
    const template = this.matchLine(line);
    if (template === null) return false;
    const start = template.dateStart;
    const end = template.dateEnd;
    let time: number | null = null;
    if (end > start) {
      const now = this.now();
      // the same text gives the same time, unless it depends on a "now" that moved to another second
      if (
        template === this.cacheTemplate &&
        end - start === this.cacheText.length &&
        this.cacheText.matches(line, start) &&
        (!this.cacheUsedNow || Math.floor(now) === this.cacheSecond)
      ) {
        time = this.cacheTime;
      } else {
        this.ctx.now = now;
        time = template.readTime(this.ctx);
        this.cacheTemplate = template;
        this.cacheText.remember(line, start, end);
        this.cacheTime = time;
        this.cacheSecond = Math.floor(now);
        this.cacheUsedNow = didLastTimeUseNow();
      }
      // An anchored template is tried first on the next line and wins there
      // whenever its matcher wins (see matchLine), so its prefix may stand in for it.
      if (template.anchored) {
        this.hot.remember(line, 0, template.depends, template.clock, template.clockHourMax, template.fraction, template.fractionLength);
        // (anchored: only this template is tried on the next line, as for the hot path above)
        if (template.fastSpan !== undefined && template.matchedFast && end < line.length) {
          // (its matcher takes hours 00-23 only)
          this.span.remember(line, start, end + 1, template.fastSpan.clock, 23);
        }
      }
    }
    this.foundTime = time;
    this.foundStart = start;
    this.foundEnd = end;
    this.foundName = template.name;
    return true;
  }

  /**
   * The shortcut for a date mid-line (see FastSpan): the last template, tried first, would find the
   * date at the same anchor with the same characters (or other clock digits), so it wins again
   * with the statistics and positions matchLine would record. False: take the full path.
   */
  private findInSpan(line: string): boolean {
    const template = (this.entries[this.lastIndex] as Entry).template;
    const at = (template.fastSpan as FastSpan).anchor(line);
    if (at < 0) return false;
    const span = this.span;
    const same = span.compareAt(line, at);
    if (same === DIFFERENT) return false;
    if (same === SAME && this.cacheUsedNow && Math.floor(this.now()) !== this.cacheSecond) return false;
    this.countHotHit();
    const end = at + span.length - 1;
    this.lastAt = codeAt(line, 0);
    this.lastEnd = end;
    this.lastEndBefore = codeAt(line, end - 1);
    this.lastEndAfter = codeAt(line, end);
    if (at !== this.foundStart || end !== this.foundEnd) this.result = null;
    this.foundStart = at;
    this.foundEnd = end;
    if (same === SAME) {
      this.foundTime = this.cacheTime;
    } else {
      this.foundTime = this.readClock(span);
      this.result = null;
    }
    return true;
  }

  /** The statistics of one more win of the last template, as matchLine keeps them. */
  private countHotHit(): void {
    const entry = this.entries[this.lastIndex] as Entry;
    entry.regexHits++;
    entry.hits++;
    entry.lastUsed = this.clock();
    if (this.firstUnused === this.lastIndex) this.firstUnused++;
  }

  /** The time of the last match with the clock (and fraction) digits just remembered in `memo` (see find). */
  private readClock(memo: TextMemo): number | null {
    const template = (this.entries[this.lastIndex] as Entry).template;
    const now = this.now();
    this.ctx.now = now;
    const c = memo.clockAt;
    const time = template.readTimeAt(memo.readPair(c), memo.readPair(c + 3), memo.readPair(c + 6), this.ctx, memo.readFraction());
    // the date text changed: the next full path must not take the old text's time
    this.cacheText.length = 0;
    this.cacheTime = time;
    this.cacheSecond = Math.floor(now);
    this.cacheUsedNow = didLastTimeUseNow();
    return time;
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

  /** Moves a winning template up the list (see moveWinner). */
  private reorder(index: number): number {
    const moved = moveWinner(this.entries, index, this.firstUnused);
    if (moved !== index) {
      while (this.firstUnused < this.entries.length && (this.entries[this.firstUnused] as Entry).hits > 0) this.firstUnused++;
    }
    return moved;
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
