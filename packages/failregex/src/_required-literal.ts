/** @module _required-literal: the longest plain text every match of a translated regex contains, to skip lines without it. */

/** Runs shorter than this are not worth a search of the buffer before the regex. */
const MIN_LENGTH = 4;

/** Characters that stand for themselves in a JavaScript `u` regex outside classes. */
const META = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
const QUANTIFIER = new Set(['?', '*', '+', '{']);

/**
 * The longest run of literal characters at the top level of `source` (JavaScript syntax, as
 * translated), outside every group, class and alternation and not under a quantifier: text any
 * match must contain. '' when there is none of {@link MIN_LENGTH} characters, when the regex has a
 * top-level alternation, or when it ignores case (`flags` with `i`).
 */
export function findRequiredLiteral(source: string, flags: string): string {
  if (flags.includes('i')) return '';
  let best = '';
  let run: string[] = [];
  const endRun = (): void => {
    if (run.length > best.length) best = run.join('');
    run = [];
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
        if (QUANTIFIER.has(source[i + 1] ?? '')) endRun();
        else run.push(next);
        continue;
      }
      if (depth === 0) endRun();
      i = skipEscapeBody(source, i);
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      if (depth === 0) endRun();
      continue;
    }
    if (c === '(') { if (depth === 0) endRun(); depth++; continue; }
    if (c === ')') { depth--; continue; }
    if (c === '|' && depth === 0) return '';
    if (depth > 0) continue;
    if (c === '{') {
      // A quantifier's bounds (the translation escapes every literal brace): not text.
      endRun();
      while (i < source.length && source[i] !== '}') i++;
      continue;
    }
    if (META.has(c)) { endRun(); continue; }
    // A literal under a quantifier is optional or repeated: the run ends before it.
    const cp = source.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    if (ch.length === 2) i++;
    if (QUANTIFIER.has(source[i + 1] ?? '')) { endRun(); continue; }
    run.push(ch);
  }
  endRun();
  return best.length >= MIN_LENGTH ? best : '';
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
