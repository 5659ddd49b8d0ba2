/** @module _conformance-greed: Fail2Ban's "wrong greed" rule for failregexes, checked on the regex as written. */

const GREEDY_CATCH_ALL = /\.[*+](?!\?)/g;

/**
 * True when a greedy `.*`/`.+` stands before `<HOST>` (with no `^`/`$` between them) and the regex
 * is not pinned down after `<HOST>`: not anchored with `$`, or with another catch-all after it.
 * Such a regex lets text an attacker writes before the real address (a user name, a URL) decide
 * which address is reported.
 */
export function hasWrongGreed(regex: string): boolean {
  const host = regex.indexOf('<HOST>');
  if (host < 0) return false;
  const before = regex.slice(0, host);
  const after = regex.slice(host + '<HOST>'.length);
  let greedyBefore = false;
  for (const m of before.matchAll(GREEDY_CATCH_ALL)) {
    if (!/[\^$]/.test(before.slice(m.index + m[0].length))) greedyBefore = true;
  }
  if (!greedyBefore) return false;
  return !after.endsWith('$') || /\.[*+]/.test(after);
}
