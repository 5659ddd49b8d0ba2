/** @module order: Fail2Ban's ordering of date templates — frequent, early-in-the-line winners move to the front. */
import type { Template } from './_template.js';

/** A template in a detector's list with its per-log statistics. */
export interface Entry {
  readonly template: Template;
  readonly weight: number;
  /** Lines won. */
  hits: number;
  /** Lines its search matched (won or not). */
  regexHits: number;
  /** Wall-clock seconds of the last win. */
  lastUsed: number;
  /** Where in the line it last won. */
  distance: number;
}

// Fail2Ban moves a template over one unused for this long (seconds).
const UNUSED_TIME = 300;

function weigh(e: Entry): number {
  return (e.hits * e.weight) / Math.max(1, e.distance);
}

/**
 * Bubbles the winner at `index` up the list, as Fail2Ban does: to the first
 * unused place or half-way, else one step, when it outweighs the template
 * there or that one has not won for a while. Returns its new index.
 */
export function moveWinner(entries: Entry[], index: number, firstUnused: number): number {
  const entry = entries[index] as Entry;
  const unusedSince = entry.lastUsed - UNUSED_TIME;
  const own = weigh(entry);
  let pos = firstUnused < index ? firstUnused : index >> 1;
  const movable = (): boolean => {
    const target = entries[pos] as Entry;
    return own > weigh(target) || unusedSince > target.lastUsed;
  };
  if (!movable()) {
    if (pos === index - 1) return index;
    pos = index - 1;
    if (!movable()) return index;
  }
  entries.splice(index, 1);
  entries.splice(pos, 0, entry);
  return pos;
}
