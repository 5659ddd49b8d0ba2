/**
 * @module prefilter: cheap tests that rule a template out of a whole line before its regex runs.
 *
 * Why: when the last template finds its date somewhere new (an access log read without a
 * datepattern: the address before the date changes its length on every line), Fail2Ban tries every
 * other template on the whole line, and so must we to pick the same one. Each unanchored template's
 * regex tests Python's word bounds at every position of the line: the ~15 of them cost ~7 µs an
 * access-log line. A regex without the bounds and without the optional parts at either end matches
 * somewhere in every line where the template does (bounds only narrow a match; an optional part can
 * match nothing), starts with a required text V8 can look for quickly, and is the same for several
 * templates (syslog with and without a zone or weekday), so one run per line serves them all.
 */

/** A test that every line a template can match passes: false rules the template out. */
export class LinePrefilter {
  private lastLine: string | null = null;
  private lastResult = true;
  private test: ((line: string) => boolean) | null | undefined = undefined;

  /** `build` makes the test on first use (null: none could be made, every line passes). */
  constructor(private readonly build: () => ((line: string) => boolean) | null) {}

  /** False when no match of the template is possible anywhere in `line`. */
  admits(line: string): boolean {
    // Templates sharing this test ask in turn about the same line.
    if (line === this.lastLine) return this.lastResult;
    if (this.test === undefined) this.test = this.build();
    this.lastLine = line;
    this.lastResult = this.test === null || this.test(line);
    return this.lastResult;
  }
}

/** Prefilters shared by the templates of one detector, by their test's source and flags. */
export type PrefilterPool = Map<string, LinePrefilter>;

/** The pooled prefilter for `key`, made with `build` if the pool has none yet. */
export function pooledPrefilter(pool: PrefilterPool, key: string, build: () => ((line: string) => boolean) | null): LinePrefilter {
  let prefilter = pool.get(key);
  if (prefilter === undefined) {
    prefilter = new LinePrefilter(build);
    pool.set(key, prefilter);
  }
  return prefilter;
}

/** One top-level piece of a Python regex: [start, end) including its quantifier; `optional` when it may match nothing. */
interface Piece {
  readonly start: number;
  readonly end: number;
  readonly optional: boolean;
}

/**
 * `regex` (Python syntax) without the optional pieces at its start and end, so that a text has a
 * match of the result wherever it has one of `regex`; null when that cannot be said simply: an
 * alternation at the top level, numbered back-references or conditionals (removing a group would
 * change what they refer to), or nothing left. Named back-references to a removed group make the
 * result fail to translate, which the caller takes as "no prefilter".
 */
export function withoutOptionalEnds(regex: string): string | null {
  if (/\\[1-9]|\(\?\(/.test(regex)) return null;
  let text = regex;
  let pieces = splitTopLevel(text);
  // One group around everything (the date's span) only captures: look inside it.
  for (let inner = soleGroupContent(text, pieces); inner !== null; inner = soleGroupContent(text, pieces)) {
    text = inner;
    pieces = splitTopLevel(text);
  }
  if (pieces === null) return null;
  let first = 0;
  let last = pieces.length - 1;
  while (first <= last && (pieces[first] as Piece).optional) first++;
  while (last >= first && (pieces[last] as Piece).optional) last--;
  if (first > last) return null;
  return text.slice((pieces[first] as Piece).start, (pieces[last] as Piece).end);
}

/** The inside of `text` when it is one unquantified capturing or non-capturing group, else null. */
function soleGroupContent(text: string, pieces: readonly Piece[] | null): string | null {
  if (pieces === null || pieces.length !== 1) return null;
  const piece = pieces[0] as Piece;
  if (text[piece.start] !== '(' || text[piece.end - 1] !== ')') return null;
  const open = /^\((?:\?:|\?P<\w+>|(?!\?))/.exec(text);
  return open === null ? null : text.slice(open[0].length, piece.end - 1);
}

/** The top-level pieces of `regex`, or null for a top-level `|` or text this scan does not follow. */
function splitTopLevel(regex: string): Piece[] | null {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < regex.length) {
    const start = i;
    const c = regex[i] as string;
    if (c === '|' || c === ')') return null;
    if (c === '\\') i += 2;
    else if (c === '[') i = classEnd(regex, i);
    else if (c === '(') i = groupEnd(regex, i);
    else i++;
    if (i < 0 || i > regex.length) return null;
    const quantified = quantifier(regex, i);
    if (quantified === null) return null;
    i = quantified.end;
    pieces.push({ start, end: i, optional: quantified.optional });
  }
  return pieces;
}

/** Index just past the character class opening at `i` (`]` first in it is a literal), or -1. */
function classEnd(regex: string, i: number): number {
  let k = i + 1;
  if (regex[k] === '^') k++;
  if (regex[k] === ']') k++;
  while (k < regex.length) {
    const c = regex[k];
    if (c === '\\') k += 2;
    else if (c === ']') return k + 1;
    else k++;
  }
  return -1;
}

/** Index just past the group opening at `i`, or -1 when it does not close. */
function groupEnd(regex: string, i: number): number {
  let depth = 0;
  let k = i;
  while (k < regex.length) {
    const c = regex[k];
    if (c === '\\') { k += 2; continue; }
    if (c === '[') { k = classEnd(regex, k); if (k < 0) return -1; continue; }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return k + 1;
    k++;
  }
  return -1;
}

/** The quantifier at `i` (none: end `i`, not optional), or null for one this scan does not read. */
function quantifier(regex: string, i: number): { end: number; optional: boolean } | null {
  const c = regex[i];
  let end = i;
  let optional = false;
  if (c === '?' || c === '*') { end = i + 1; optional = true; }
  else if (c === '+') end = i + 1;
  else if (c === '{') {
    const m = /^\{(\d*)(,?)(\d*)\}/.exec(regex.slice(i, i + 24));
    // Python reads a `{` that starts no quantifier as a literal.
    if (m === null || (m[1] === '' && m[2] === '')) return { end: i, optional: false };
    end = i + m[0].length;
    optional = m[1] === '' || Number(m[1]) === 0;
  } else return { end: i, optional: false };
  // a lazy or possessive mark after the quantifier
  if (regex[end] === '?' || regex[end] === '+') end++;
  if (regex[end] === '?' || regex[end] === '*' || regex[end] === '+' || regex[end] === '{') return null;
  return { end, optional };
}
