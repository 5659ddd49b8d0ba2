/** @module greed.test: no filter puts a greedy catch-all in front of <HOST>. */
import { describe, expect, it } from 'vitest';
import { hasGreedyCatchAllBeforeHost } from './_greed.js';
import { listFilters, resolveFilterOptions } from './_tree.js';

describe('hasGreedyCatchAllBeforeHost', () => {
  it.each([
    ['^Failed for .* from <HOST>', true],
    ['^Failed for .+\\s+<HOST> port \\d+$', true],
    ['^user .* from <HOST> port \\d+', true],
    ['^user .* from <HOST> port \\d+\\s*$', false],
    ['^Failed for .*? from <HOST>', false],
    ['^Failed for \\.* from <HOST>', false],
    ['^<HOST> - .* "GET', false],
    ['^no catch-all (\\S+) <HOST>', false],
  ])('%s → %s', (regex, flagged) => {
    expect(hasGreedyCatchAllBeforeHost(regex)).toBe(flagged);
  });
});

describe.each(listFilters())('filter %s', (name) => {
  it('has no greedy catch-all before <HOST> in any rule', () => {
    // Every option holding <HOST>: failregex, prefregex, and the rules of every mode.
    const rules = [...resolveFilterOptions(name).entries()]
      .filter(([, value]) => value.includes('<HOST>'))
      .flatMap(([key, value]) => value.split('\n').map((rule) => [key, rule.trim()] as const))
      .filter(([, rule]) => rule !== '');
    expect(rules.length).toBeGreaterThan(0);
    for (const [key, rule] of rules) {
      expect(hasGreedyCatchAllBeforeHost(rule), `${name}: ${key}: ${rule}`).toBe(false);
    }
  });
});
