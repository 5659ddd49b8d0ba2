/** @module _required-literal: the longest plain text every match of a translated regex contains, to skip lines without it. */

import { SPACE_SET } from './_pyre-escapes.js';
import { isPythonSpace } from './_cut-line.js';

/** Runs shorter than this are not worth a search of the buffer before the regex. */
const MIN_LENGTH = 4;

/** Characters that stand for themselves in a JavaScript `u` regex outside classes. */
const META = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
const QUANTIFIER = new Set(['?', '*', '+', '{']);

/**
 * The most specific run of literal characters at the top level of `source` (JavaScript syntax, as
 * translated), outside every group, class and alternation and not under a quantifier: text any
 * match must contain. '' when there is none of {@link MIN_LENGTH} characters, when the regex has a
 * top-level alternation, or when it ignores case (`flags` with `i`). See {@link isMoreSpecific}.
 */
export function findRequiredLiteral(source: string, flags: string): string {
  if (flags.includes('i')) return '';
  let best = '';
  const complete = scanLiteralRuns(source, (text) => {
    if (text.length >= MIN_LENGTH && isMoreSpecific(text, best)) best = text;
  });
  return complete ? best : '';
}

/**
 * Calls `onRun` with each run of literal characters at the top level of `source` (see
 * findRequiredLiteral) and the source indexes it spans, [from, to); false (stopping) at a
 * top-level alternation.
 */
function scanLiteralRuns(source: string, onRun: (text: string, from: number, to: number) => void): boolean {
  let run: string[] = [];
  let from = 0;
  // `at`: the source index where the run ends (the character there is not part of it)
  const endRun = (at: number): void => {
    if (run.length > 0) onRun(run.join(''), from, at);
    run = [];
  };
  const push = (ch: string, at: number): void => {
    if (run.length === 0) from = at;
    run.push(ch);
  };
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      // An escaped punctuation character is that character; letters and digits are classes, anchors, back-references…
      if (next !== '' && !/[0-9A-Za-z]/.test(next)) {
        if (depth > 0) continue;
        if (QUANTIFIER.has(source[i + 1] ?? '')) endRun(i - 1);
        else push(next, i - 1);
        continue;
      }
      if (depth === 0) endRun(i - 1);
      i = skipEscapeBody(source, i);
      continue;
    }
    if (c === '[') {
      if (depth === 0) endRun(i);
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(') { if (depth === 0) endRun(i); depth++; continue; }
    if (c === ')') { depth--; continue; }
    if (c === '|' && depth === 0) return false;
    if (depth > 0) continue;
    if (c === '{') {
      // A quantifier's bounds (the translation escapes every literal brace): not text.
      endRun(i);
      while (i < source.length && source[i] !== '}') i++;
      continue;
    }
    if (META.has(c)) { endRun(i); continue; }
    // A literal under a quantifier is optional or repeated: the run ends before it.
    const cp = source.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    const at = i;
    if (ch.length === 2) i++;
    if (QUANTIFIER.has(source[i + 1] ?? '')) { endRun(at); continue; }
    push(ch, at);
  }
  endRun(source.length);
  return true;
}

/** The literal text `source` ends with (top level, see findRequiredLiteral; '' when none), and where it starts; null on a top-level alternation. */
function findTrailingLiteral(source: string): { readonly text: string; readonly from: number } | null {
  let last = { text: '', from: source.length };
  const complete = scanLiteralRuns(source, (text, from, to) => {
    if (to === source.length) last = { text, from };
  });
  return complete ? last : null;
}

/** Python's `$` without MULTILINE, as translated: the end of the text or before its final newline. */
const END_ANCHOR = '(?=\\n?$)';

/** Python's `\s*`, as translated. */
const TRAILING_SPACE = `[${SPACE_SET}]*`;

/** See {@link findAlternativesAtEnd}. */
export interface AlternativesAtEnd {
  /** The literal text each alternative ends with. */
  readonly tails: readonly string[];
  /** The literal text between the group and the end. */
  readonly suffix: string;
  /** True when Python's `\s*` comes after the suffix: the text may end with any run of whitespace. */
  readonly spaceAtEnd: boolean;
}

/**
 * When `source` ends with a group of alternatives at its top level (neither repeated nor optional nor
 * a look-around, at least {@link MIN_TAILS}), then literal text, then maybe `\s*`, then Python's
 * `$`: every match ends the text (or stops before its final newline, or before its whitespace)
 * with one alternative's trailing literal text and that suffix (apache-badbots:
 * `"(?:…user agents…)"$`; named-refused: `\s(?:denied|\(NOTAUTH\))\s*$`). Checking the end of a
 * line is a few character reads, where searching it for any of the alternatives is a regex run over
 * the whole line. Null when an alternative does not end with literal text, when `\s*` follows text
 * that may end with whitespace, when `source` has a top-level alternation, or with ignore-case or
 * multi-line flags.
 */
export function findAlternativesAtEnd(source: string, flags: string): AlternativesAtEnd | null {
  if (flags.includes('i') || flags.includes('m') || !source.endsWith(END_ANCHOR)) return null;
  let body = source.slice(0, -END_ANCHOR.length);
  const spaceAtEnd = body.endsWith(TRAILING_SPACE) && !isEscapedAt(body, body.length - TRAILING_SPACE.length);
  if (spaceAtEnd) body = body.slice(0, -TRAILING_SPACE.length);
  const suffix = findTrailingLiteral(body);
  if (suffix === null) return null;
  const close = suffix.from - 1;
  if (body[close] !== ')') return null;
  const open = topLevelGroupClosingAt(body, close);
  if (open < 0) return null;
  const group = groupBody(body, open, close);
  if (group === null) return null;
  const tails: string[] = [];
  for (const alternative of splitAlternatives(group)) {
    const tail = findTrailingLiteral(alternative);
    if (tail === null || tail.text === '') return null;
    tails.push(tail.text);
  }
  if (tails.length < MIN_TAILS) return null;
  // Skipping the whitespace at the end must never reach into the literal text.
  const lastCodes = suffix.text === '' ? tails.map((t) => t.charCodeAt(t.length - 1)) : [suffix.text.charCodeAt(suffix.text.length - 1)];
  if (spaceAtEnd && lastCodes.some(isPythonSpace)) return null;
  return { tails, suffix: suffix.text, spaceAtEnd };
}

/** True when the character at `i` of `source` is escaped (an odd run of backslashes before it). */
function isEscapedAt(source: string, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && source[i - n - 1] === '\\') n++;
  return n % 2 === 1;
}

/** Index of the `(` at the top level of `source` whose group closes at `close`, or -1. */
function topLevelGroupClosingAt(source: string, close: number): number {
  let depth = 0;
  for (let i = 0; i < close; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = skipClass(source, i);
    else if (c === ')') depth--;
    else if (c === '(' && depth++ === 0 && closingParen(source, i) === close) return i;
  }
  return -1;
}

/**
 * Whether `run` rules out more lines than `best`: the one with more letters and digits, then the
 * longer one; `best` on ties. Punctuation runs are common to every line of a log format (nginx-bad-request's
 * ` [] "` is on each access-log line once its date is cut), while `" 400` names one status.
 */
function isMoreSpecific(run: string, best: string): boolean {
  const a = countAlnum(run);
  const b = countAlnum(best);
  return a > b || (a === b && run.length > best.length);
}

function countAlnum(text: string): number {
  return text.replace(/[^0-9A-Za-z]+/g, '').length;
}

/** The index of the last character of the escape whose letter or digit is at `i` (`\\x41`, `\\u{1c}`, `\\k<n>`, `\\12` …). */
function skipEscapeBody(source: string, i: number): number {
  const c = source[i];
  if (c === 'x') return i + 2;
  if (c === 'c') return i + 1;
  const upTo = (close: string): number => { const k = source.indexOf(close, i); return k < 0 ? source.length : k; };
  if (c === 'u') return source[i + 1] === '{' ? upTo('}') : i + 4;
  if (c === 'p' || c === 'P') return upTo('}');
  if (c === 'k') return upTo('>');
  if (c !== undefined && c >= '0' && c <= '9') {
    while (/[0-9]/.test(source[i + 1] ?? '')) i++;
  }
  return i;
}

/** Fewer alternatives than this are cheap for the regex itself: a search for them first would only add work. */
const MIN_ALTERNATIVES = 4;
/** Checking a line's end costs a few character reads, less than any regex run: two alternatives are worth it. */
const MIN_TAILS = 2;
/**
 * Two or three alternatives are worth a search first only behind something that repeats: the regex
 * then backtracks over all of it before it fails (postfix's prefregex gives back its optional
 * host, process and id parts one by one before turning down a line without `reject:` or ` after `:
 * ~200 ns a line, where the search takes ~60).
 */
const MIN_ALTERNATIVES_BEHIND_REPEAT = 2;

/**
 * Texts of which every match of `source` contains at least one: the required literals (see
 * {@link findRequiredLiteral}) of the alternatives of a group at the top level of `source` that is
 * neither repeated nor optional nor a look-around, when each alternative has one and there are at
 * least {@link MIN_ALTERNATIVES} (apache-badbots' list of user agents), or at least
 * {@link MIN_ALTERNATIVES_BEHIND_REPEAT} behind a quantifier. Null when there is no such group,
 * when `source` has a top-level alternation, or when it ignores case.
 */
export function findRequiredAlternatives(source: string, flags: string): string[] | null {
  if (flags.includes('i')) return null;
  let depth = 0;
  let found: string[] | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      i = skipClass(source, i);
      continue;
    }
    if (c === '|' && depth === 0) return null;
    if (c === ')') depth--;
    if (c !== '(') continue;
    if (depth++ > 0 || found !== null) continue;
    const close = closingParen(source, i);
    if (close < 0) return null;
    const body = groupBody(source, i, close);
    const least = hasQuantifier(source.slice(0, i)) ? MIN_ALTERNATIVES_BEHIND_REPEAT : MIN_ALTERNATIVES;
    if (body !== null && !QUANTIFIER.has(source[close + 1] ?? '')) found = alternativeLiterals(body, flags, least);
  }
  return found;
}

/** True when `source` (a regex's beginning) has a quantifier outside classes and escapes. */
function hasQuantifier(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') i = skipEscapeBody(source, i + 1);
    else if (c === '[') i = skipClass(source, i);
    else if (QUANTIFIER.has(c) && source[i - 1] !== '(') return true;
  }
  return false;
}

/** Index of the `]` closing the class that opens at `i`. */
function skipClass(source: string, i: number): number {
  for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
  return i;
}

/** Index of the `)` closing the group that opens at `open`, -1 when none. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = skipClass(source, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The body of a plain, named or non-capturing group; null for look-arounds. */
function groupBody(source: string, open: number, close: number): string | null {
  if (source[open + 1] !== '?') return source.slice(open + 1, close);
  const kind = source.slice(open + 2, open + 4);
  if (kind[0] === ':') return source.slice(open + 3, close);
  if (kind[0] === '<' && kind !== '<=' && kind !== '<!') {
    const nameEnd = source.indexOf('>', open);
    return nameEnd < 0 || nameEnd > close ? null : source.slice(nameEnd + 1, close);
  }
  return null;
}

/** The required literal of each top-level alternative of `body`, or null when one has none or there are too few. */
function alternativeLiterals(body: string, flags: string, least: number): string[] | null {
  const alternatives = splitAlternatives(body);
  if (alternatives.length < least) return null;
  const literals: string[] = [];
  for (const alternative of alternatives) {
    const literal = findRequiredLiteral(alternative, flags);
    if (literal === '') return null;
    if (!literals.includes(literal)) literals.push(literal);
  }
  return literals;
}

/** The top-level alternatives of a group's body. */
function splitAlternatives(body: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '[') i = skipClass(body, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      alternatives.push(body.slice(from, i));
      from = i + 1;
    }
  }
  alternatives.push(body.slice(from));
  return alternatives;
}

/** A regex that finds any of `texts` (taken literally). */
export function anyOfRegExp(texts: readonly string[]): RegExp {
  return new RegExp(texts.map((t) => t.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('|'), 'u');
}
