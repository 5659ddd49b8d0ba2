/** @module _content: when the prefregex's `<F-CONTENT>` can be taken as a slice of the line buffer. */
import type { FilterRegex } from './regex.js';

/** How a translated `<F-CONTENT>.+</F-CONTENT>$` ends. */
const CONTENT_TAIL = '([^\\n]+)(?=\\n?$)';

/**
 * True when the prefregex's content group is its last group and ends the pattern as `.+$` does
 * (not multi-line): then the content, which cannot hold the buffer's final newline, always ends
 * right before it, so `content + '\n'` is the buffer's tail and a slice (no copy) gives it.
 */
export function endsWithContent(fr: FilterRegex): boolean {
  const k = fr.groupNames.indexOf('content');
  const src = fr.source;
  if (k < 0 || fr.flags.includes('m') || !src.endsWith(CONTENT_TAIL)) return false;
  let slashes = 0;
  for (let i = src.length - CONTENT_TAIL.length - 1; i >= 0 && src[i] === '\\'; i--) slashes++;
  if (slashes % 2 === 1) return false;
  return fr.groupIndexes[k] === fr.groupCount;
}
