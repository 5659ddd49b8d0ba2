/** @module _pyre-translate: rewrites one Python `re` pattern as an equivalent JavaScript `u`-flag pattern. */
import { TranslateFault } from './_pyre-scanner.js';
import { PatternTranslator, type TranslatedPattern } from './_pyre-translator.js';

export { TranslateFault };
export type { TranslatedPattern };
export { HIDDEN_GROUP_PREFIX } from './_pyre-groups.js';

/**
 * Translates Python `re` syntax (as Fail2Ban 1.0 feeds it, after tag expansion) to JavaScript.
 * `multiline` is Fail2Ban's re.MULTILINE (set for filters with maxlines > 1); `guards: false` leaves
 * out the look-aheads of findConditionalGuards (for tests that compare with and without them).
 */
export function translatePythonPattern(pattern: string, multiline: boolean, numbered = false, guards = true): TranslatedPattern {
  // Conditional groups need a marker inside the group they test (and may get look-aheads there,
  // see findConditionalGuards), and repeats of named groups a capture around them (see
  // LoopGroupReader): a first pass finds all three.
  const first = new PatternTranslator(pattern, multiline, new Set(), numbered);
  first.run();
  if (first.condTargets.size === 0 && first.loopTargets.size === 0) return first.result();
  const second = new PatternTranslator(pattern, multiline, first.condTargets, numbered, first.loopTargets, guards ? first.conditionalGuards() : new Map());
  second.run();
  return second.result();
}
