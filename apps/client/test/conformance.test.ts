import { describe, expect, it } from 'vitest';
import { fail2banAvailable, FAIL2BAN_CONFIG_DIR, FAIL2BAN_TESTS_DIR } from '@f2b/test-utils';
import { join } from 'node:path';
import { runConformance } from '../src/_conformance-run.js';
import { evaluateCondition } from '../src/_conformance-expr.js';
import { parseLocalTime } from '../src/_conformance-check.js';

/** The bar CI holds f2b to: every failJSON check of Debian's Fail2Ban 1.0.2 samples (1875 of 1875). */
const CONFORMANCE_BAR = 1875;

describe('conformance with Fail2Ban sample logs', () => {
  it.runIf(fail2banAvailable())(`passes at least ${CONFORMANCE_BAR} checks of Debian's samples`, { timeout: 120_000 }, () => {
    const result = runConformance({ confDir: FAIL2BAN_CONFIG_DIR, logsDir: join(FAIL2BAN_TESTS_DIR, 'logs') });
    console.log(`conformance: ${result.passed}/${result.total}`);
    expect(result.failures).toEqual([]);
    expect(result.passed).toBeGreaterThanOrEqual(CONFORMANCE_BAR);
  });

  it('evaluates the sample conditions and rejects ones it does not know', () => {
    const scope = { name: 'sshd', opts: { mode: 'aggressive' } };
    expect(evaluateCondition("name == 'sshd'", scope)).toBe(true);
    expect(evaluateCondition("name=='sshd'", { ...scope, name: 'x' })).toBe(false);
    expect(evaluateCondition("opts.get('mode') != 'aggressive'", scope)).toBe(false);
    expect(evaluateCondition("opts.get('mode') == 'aggressive' and name == 'sshd'", scope)).toBe(true);
    expect(() => evaluateCondition('__import__("os")', scope)).toThrow('cannot evaluate sample condition');
  });

  it('reads failJSON times as local time with one-digit fields and fractions', () => {
    const before = process.env['TZ'];
    process.env['TZ'] = 'Europe/Zurich';
    try {
      expect(parseLocalTime('2005-08-14T12:00:00')).toBe(1124013600);
      expect(parseLocalTime('2005-3-7T02:09:33.5')).toBe(Date.UTC(2005, 2, 7, 1, 9, 33) / 1000 + 0.5);
      expect(parseLocalTime('yesterday')).toBeNull();
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });
});

if (!fail2banAvailable()) console.log('conformance run skipped: fail2ban is not installed');
