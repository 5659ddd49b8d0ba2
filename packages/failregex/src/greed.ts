/** @module greed: Fail2Ban's "wrong greed" rule — a greedy catch-all in front of <HOST> lets an attacker pick the address. */

/** Unescaped `.*` / `.+` (a `\.` is a literal dot). */
const CATCH_ALL = /(?<!\\)(?:\\\\)*\.[*+]/;
const GREEDY_CATCH_ALL = /(?<!\\)(?:\\\\)*\.[*+](?!\?)/g;

/**
 * True when a greedy `.*`/`.+` stands before `<HOST>` (no `^`/`$` between them) and either only
 * whitespace patterns separate it from `<HOST>`, or the regex is not pinned down after `<HOST>`
 * (not anchored with `$`, or another catch-all follows). Text an attacker writes in front of the
 * real address (a user name, a URL) could then supply the address instead.
 */
export function hasGreedyCatchAllBeforeHost(regex: string): boolean {
  const host = regex.indexOf('<HOST>');
  if (host < 0) return false;
  const before = regex.slice(0, host);
  const hits = [...before.matchAll(GREEDY_CATCH_ALL)];
  const last = hits.at(-1);
  if (!last) return false;
  const between = before.slice(last.index + last[0].length);
  if (/[\^$]/.test(between)) return false;
  if (/^(?:\s|\\s[*+?]?|\(\?:|\)|\?)*$/.test(between)) return true;
  const after = regex.slice(host + '<HOST>'.length);
  return !/\$\)?\s*$/.test(regex) || CATCH_ALL.test(after);
}
