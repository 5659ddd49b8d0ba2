/** @module greed.test: no filter puts a greedy catch-all in front of <HOST>. */
import { describe, expect, it } from 'vitest';
import { hasGreedyCatchAllBeforeHost } from '@f2b/failregex';
import { listFilters, resolveFilterOptions } from './_tree.js';

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
