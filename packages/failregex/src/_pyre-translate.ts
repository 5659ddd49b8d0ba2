/** @module _pyre-translate: rewrites one Python `re` pattern as an equivalent JavaScript `u`-flag pattern. */
import { TranslateFault } from './_pyre-scanner.js';
import { PatternTranslator, type TranslatedPattern } from './_pyre-translator.js';

export { TranslateFault };
export type { TranslatedPattern };
export { HIDDEN_GROUP_PREFIX } from './_pyre-groups.js';

/** A back-reference or a conditional by group number, or text that might read as one (an escaped backslash before a digit). */
const REFERS_BY_NUMBER = /\\[1-9]|\(\?\(\d/;

/**
 * Translates Python `re` syntax (as Fail2Ban 1.0 feeds it, after tag expansion) to JavaScript.
 * `multiline` is Fail2Ban's re.MULTILINE (set for filters with maxlines > 1); `numbered`: named groups
 * become plain captures, read through groupIndexes (and unnamed ones need not capture); `guards: false`
 * leaves out the look-aheads of findConditionalGuards (for tests that compare with and without them).
 */
export function translatePythonPattern(pattern: string, multiline: boolean, numbered = false, guards = true): TranslatedPattern {
  // Conditional groups need a marker inside the group they test (and may get look-aheads there,
  // see findConditionalGuards), and repeats of named groups a capture around them (see
  // LoopGroupReader): a first pass finds all three.
  // Read by group index (`numbered`, FilterRegex), unnamed groups capture only where something may
  // refer to them by number (`\1`, `(?(1)…)`), or in the second pass, whose loop readers count every
  // group inside a repeat. compilePythonRegex's callers may read them: there they always capture.
  const first = new PatternTranslator(pattern, multiline, new Set(), numbered, new Set(), new Map(), !numbered || REFERS_BY_NUMBER.test(pattern));
  first.run();
  if (first.condTargets.size === 0 && first.loopTargets.size === 0) return first.result();
  const second = new PatternTranslator(pattern, multiline, first.condTargets, numbered, first.loopTargets, guards ? first.conditionalGuards() : new Map());
  second.run();
  return second.result();
}
