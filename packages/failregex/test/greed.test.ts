import { describe, expect, it } from 'vitest';
import { hasGreedyCatchAllBeforeHost } from '@f2b/failregex';

describe('hasGreedyCatchAllBeforeHost', () => {
  it.each([
    ['^Failed for .* from <HOST>', true],
    ['^Failed for .+\\s+<HOST> port \\d+$', true],
    ['^user .* from <HOST> port \\d+', true],
    ['^login failed for .* from <HOST> .*$', true],
    ['^user .* from <HOST> port \\d+\\s*$', false],
    ['^login failed for .+ from <HOST> port \\d+$', false],
    ['^Failed for .*? from <HOST>', false],
    ['^Failed for \\.* from <HOST>', false],
    ['^<HOST> - .* "GET', false],
    ['^no catch-all (\\S+) <HOST>', false],
    ['^prefix .* end$ then <HOST>', false],
    ['^no host here .*', false],
  ])('%s → %s', (regex, flagged) => {
    expect(hasGreedyCatchAllBeforeHost(regex)).toBe(flagged);
  });
});
