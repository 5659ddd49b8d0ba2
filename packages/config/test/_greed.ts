/** @module _greed: finds greedy catch-alls placed before <HOST> in a regex (Fail2Ban's RE_WRONG_GREED idea). */

/**
 * True when `.*` or `.+` (not followed by `?`) comes before `<HOST>` with
 * only whitespace patterns between them, or comes anywhere before `<HOST>`
 * while the regex is not anchored at its end. Either way, text an attacker
 * writes in front of the real address (a user name, a URL) could supply the
 * address instead.
 */
export function hasGreedyCatchAllBeforeHost(regex: string): boolean {
  const host = regex.indexOf('<HOST>');
  if (host < 0) return false;
  const before = regex.slice(0, host);
  // Only unescaped dots count: "\." is a literal dot.
  const greedy = /(?<!\\)(?:\\\\)*\.[*+](?!\?)/g;
  const hits = [...before.matchAll(greedy)];
  if (hits.length === 0) return false;
  const last = hits[hits.length - 1]!;
  const between = before.slice(last.index + last[0].length);
  if (/^(?:\s|\\s[*+?]?|\(\?:|\)|\?)*$/.test(between)) return true;
  return !/\$\)?\s*$/.test(regex);
}
