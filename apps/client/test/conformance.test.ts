import { describe, expect, it } from 'vitest';
import { fail2banAvailable, FAIL2BAN_CONFIG_DIR, FAIL2BAN_TESTS_DIR } from '@f2b/test-utils';
import { join } from 'node:path';
import { runConformance } from '../src/_conformance-run.js';
import { evaluateCondition } from '../src/_conformance-expr.js';
import { compareFailure, parseLocalTime } from '../src/_conformance-check.js';
import type { Failure } from '@f2b/failregex';

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

  it('checks every failJSON key against what f2b-regex --json prints, with samplestestcase\'s fallbacks', () => {
    const failure = (fields: Failure['fields'], id = '192.0.2.10'): Failure => ({
      id, host: '192.0.2.10', time: 0, fields, matches: ['a', 'b'], regexIndex: 0, nofail: false,
    });
    const withIp4 = failure({ ip4: '192.0.2.10', user: 'admin', fport: '22' });
    expect(compareFailure({ match: true, ip4: '192.0.2.10', host: '192.0.2.10', user: 'admin', fport: '22', desc: 'x' }, withIp4)).toEqual([]);
    // A key the failure lacks is null (an ip6 expectation on an IPv4 failure fails).
    expect(compareFailure({ match: true, ip6: '2001:db8::1' }, withIp4)).toEqual(['ip6 null != "2001:db8::1"']);
    expect(compareFailure({ match: true, user: null }, failure({ ip4: '192.0.2.10' }))).toEqual([]);
    // host falls back to the failure id; attempts to the number of matched lines; lists compare sorted.
    expect(compareFailure({ host: 's-77' }, failure({ fid: 's-77', ip4: '192.0.2.10' }, 's-77'))).toEqual([]);
    expect(compareFailure({ attempts: 2, users: ['b', 'a'] }, failure({ ip4: '192.0.2.10', users: ['a', 'b'] }))).toEqual([]);
    expect(compareFailure({ attempts: 3 }, withIp4)).toEqual(['attempts 2 != 3']);
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
