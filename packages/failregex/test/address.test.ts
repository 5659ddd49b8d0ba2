import { describe, expect, it } from 'vitest';
import { isDottedQuad, normalizeAddress } from '../src/_address.js';

// The rule as a regex (what the hand-written test replaced), used here as the oracle.
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

describe('isDottedQuad', () => {
  it('agrees with the dotted-quad regex on edge cases', () => {
    const cases = [
      '0.0.0.0', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.', '.1.2.3.4', '1..2.3', '01.2.3.4', '1.2.3.04',
      '1.2.3.4.5', '192.0.2.10', '192.0.2.1a', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4\n', '999.1.1.1', '1.2.3.', '', '1234.1.1.1',
      '10.0.0.255', '10.0.0.250', '10.0.0.260', '0.00.0.0', '١.٢.٣.٤',
    ];
    for (const c of cases) expect(isDottedQuad(c), JSON.stringify(c)).toBe(DOTTED_QUAD.test(c));
  });

  it('agrees with the dotted-quad regex on 20,000 generated strings', () => {
    let seed = 7;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const alphabet = '0123456789.0123456789.25x';
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      const len = 1 + rnd(17);
      for (let i = 0; i < len; i++) s += alphabet[rnd(alphabet.length)];
      expect(isDottedQuad(s), JSON.stringify(s)).toBe(DOTTED_QUAD.test(s));
    }
  });

  it('keeps normalizeAddress output for addresses and non-addresses', () => {
    expect(normalizeAddress('192.0.2.7')).toBe('192.0.2.7');
    expect(normalizeAddress('192.0.2.7', 24)).toBe('192.0.2.0/24');
    expect(normalizeAddress('192.0.2.07')).toBe('192.0.2.07');
    expect(normalizeAddress('[::ffff:192.0.2.7]')).toBe('192.0.2.7');
  });
});
