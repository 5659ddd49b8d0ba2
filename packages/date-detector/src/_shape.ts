/** @module shape: what a template regex's top level looks like, read from its JavaScript source (no regex run). */

/** The facts {@link readShape} finds. */
export interface RegexShape {
  /** Starts with `^` and has no `|` at its top level: without the `m` flag it can only match at 0. */
  readonly startAnchored: boolean;
  /** Capture group 1 sits at the top level and only `tail` (or nothing) follows it: it ends where every match ends. */
  readonly group1IsTail: boolean;
}

/**
 * Scans `source` (escapes and classes skipped) for its top-level alternations and the span of capture
 * group 1. `tail` is a zero-width suffix (a look-ahead) allowed after group 1.
 */
export function readShape(source: string, tail: string): RegexShape {
  let depth = 0;
  let topAlternation = false;
  let captures = 0;
  let group1Open = -1;
  let group1Depth = -1;
  let group1Close = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (c === '[') {
      // A class ends at the first unescaped `]` (JavaScript: a `]` right after `[` or `[^` closes it too).
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      const capturing = source[i + 1] !== '?' || (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!');
      if (capturing && ++captures === 1) { group1Open = i; group1Depth = depth; }
      depth++;
    } else if (c === ')') {
      depth--;
      if (group1Open >= 0 && group1Close < 0 && depth === group1Depth) group1Close = i;
    } else if (c === '|' && depth === 0) {
      topAlternation = true;
    }
  }
  const rest = group1Close < 0 ? null : source.slice(group1Close + 1);
  return {
    startAnchored: source.startsWith('^') && !topAlternation,
    group1IsTail: group1Depth === 0 && !topAlternation && (rest === '' || rest === tail),
  };
}
