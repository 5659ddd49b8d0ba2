import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fail2banAvailable, PYTHON } from '@f2b/test-utils';
import { createJail, type JailOptions } from '@f2b/jail';

/** A jail on a hand-driven clock. */
function makeJail(options: JailOptions = {}) {
  const clock = { t: 10_000 };
  const jail = createJail({ maxretry: 3, findtime: 600, bantime: 600, now: () => clock.t, ...options });
  return { jail, clock };
}

describe('failure counting', () => {
  it('bans at exactly maxretry failures, not one before', () => {
    const { jail, clock } = makeJail();
    expect(jail.addFailure({ id: '192.0.2.1', time: clock.t - 20 })).toBeNull();
    expect(jail.addFailure({ id: '192.0.2.1', time: clock.t - 10 })).toBeNull();
    expect(jail.status().currentlyFailed).toBe(1);
    const ticket = jail.addFailure({ id: '192.0.2.1', time: clock.t - 5 });
    expect(ticket).toMatchObject({ ip: '192.0.2.1', family: 'inet4', failures: 3, time: clock.t - 5, bantime: 600, bancount: 1, restored: false });
    expect(jail.status()).toMatchObject({ currentlyFailed: 0, totalFailed: 3, currentlyBanned: 1, totalBanned: 1 });
  });

  it('counts each id on its own', () => {
    const { jail } = makeJail();
    jail.addFailure({ id: '192.0.2.1' });
    jail.addFailure({ id: '192.0.2.2' });
    jail.addFailure({ id: '2001:db8::1' });
    expect(jail.addFailure({ id: '192.0.2.2' })).toBeNull();
    expect(jail.status()).toMatchObject({ currentlyFailed: 3, totalFailed: 4, currentlyBanned: 0 });
  });

  it('ignores a failure just older than findtime and counts one exactly findtime old', () => {
    const { jail, clock } = makeJail({ maxretry: 1 });
    expect(jail.addFailure({ id: '192.0.2.1', time: clock.t - 601 })).toBeNull();
    expect(jail.status().totalFailed).toBe(0);
    expect(jail.addFailure({ id: '192.0.2.1', time: clock.t - 600 })).not.toBeNull();
  });

  it('treats failures dated in the future as happening now', () => {
    const { jail, clock } = makeJail({ maxretry: 1 });
    expect(jail.addFailure({ id: '192.0.2.1', time: clock.t + 3600 })?.time).toBe(clock.t);
  });

  it('does not ban when failures are spread wider than findtime', () => {
    const { jail, clock } = makeJail({ maxretry: 3, findtime: 100 });
    for (const dt of [0, 101, 202, 303, 404]) {
      clock.t = 20_000 + dt;
      expect(jail.addFailure({ id: '192.0.2.1', time: clock.t }), `failure at +${dt}`).toBeNull();
    }
  });

  it('scales the count to the rate over findtime instead of restarting (Fail2Ban adjustTime)', () => {
    const { jail, clock } = makeJail({ maxretry: 4, findtime: 100 });
    for (const t of [19_850, 19_860, 19_870]) {
      clock.t = t;
      jail.addFailure({ id: '192.0.2.1', time: t });
    }
    clock.t = 20_000;
    // 3 failures over 150 s → round(3/150*100) = 2, plus this one = 3: no ban yet.
    expect(jail.addFailure({ id: '192.0.2.1', time: 20_000 })).toBeNull();
    expect(jail.addFailure({ id: '192.0.2.1', time: 20_000 })).not.toBeNull();
  });

  it('cleans up ids whose last failure left the window', () => {
    const { jail, clock } = makeJail();
    jail.addFailure({ id: '192.0.2.1', time: clock.t });
    clock.t += 300;
    jail.addFailure({ id: '192.0.2.2', time: clock.t });
    clock.t += 300;
    expect(jail.cleanupFailures()).toBe(1);
    expect(jail.status().currentlyFailed).toBe(1);
    clock.t += 300;
    jail.addFailure({ id: '192.0.2.3' }); // triggers the periodic cleanup by itself
    expect(jail.status().currentlyFailed).toBe(1);
  });

  it('keeps only the newest maxmatches lines and the first failure fields', () => {
    const { jail } = makeJail({ maxretry: 4, maxmatches: 2 });
    jail.addFailure({ id: '192.0.2.1', matches: ['a'], fields: { user: 'root' } });
    jail.addFailure({ id: '192.0.2.1', matches: ['b', 'c'], fields: { user: 'admin' } });
    jail.addFailure({ id: '192.0.2.1', matches: ['d'] });
    const ticket = jail.addFailure({ id: '192.0.2.1', matches: ['e'] });
    expect(ticket).toMatchObject({ matches: ['d', 'e'], fields: { user: 'root' }, failures: 4 });
  });

  it('keeps no lines with maxmatches 0', () => {
    const { jail } = makeJail({ maxretry: 1, maxmatches: 0 });
    expect(jail.addFailure({ id: '192.0.2.1', matches: ['a'] })?.matches).toEqual([]);
  });

  it('stores ids in canonical form (IPv6 case and zeros, IPv4-mapped IPv6)', () => {
    const { jail } = makeJail();
    jail.addFailure({ id: '2001:DB8:0:0::1' });
    jail.addFailure({ id: '::ffff:192.0.2.9' });
    jail.addFailure({ id: '192.0.2.9' });
    expect(jail.addFailure({ id: '2001:db8::1' })).toBeNull();
    expect(jail.addFailure({ id: '2001:db8::0:1' })).toMatchObject({ ip: '2001:db8::1', family: 'inet6' });
    expect(jail.addFailure({ id: '192.0.2.9' })).toMatchObject({ ip: '192.0.2.9', family: 'inet4' });
  });

  it('accepts ids that are not addresses, with no family', () => {
    const { jail } = makeJail({ maxretry: 1 });
    expect(jail.addFailure({ id: 'user@example' })).toMatchObject({ ip: 'user@example', family: null });
  });

  it('attempt counts the given weight or the number of lines', () => {
    const { jail } = makeJail({ maxretry: 5 });
    expect(jail.attempt('192.0.2.1', { matches: ['x', 'y'] })).toBeNull();
    expect(jail.attempt('192.0.2.1', { count: 2 })).toBeNull();
    expect(jail.attempt('192.0.2.1')).toMatchObject({ failures: 3, matches: ['x', 'y'] });
  });

  it('decides bans as Fail2Ban FailManager does on the same failures', (context) => {
    if (!fail2banAvailable()) {
      console.log('skipped: Debian fail2ban not installed (the reference for this comparison)');
      context.skip();
    }
    // A deterministic mix of ids and time steps, some wider than findtime.
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const events: Array<[string, number]> = [];
    let t = 1_000_000;
    for (let i = 0; i < 400; i++) {
      t += random(5) === 0 ? random(200) : random(15);
      events.push([`10.0.0.${random(3)}`, t]);
    }
    const script = `
import json, sys
from fail2ban.server.failmanager import FailManager, FailManagerEmpty
from fail2ban.server.ticket import FailTicket
from fail2ban.server.mytime import MyTime
fm = FailManager(); fm.setMaxRetry(4); fm.setMaxTime(120)
out = []
next_svc = -1
for ip, t in json.load(sys.stdin):
    MyTime.setTime(t)
    n = fm.addFailure(FailTicket(ip, t))
    banned = False
    if n >= fm.getMaxRetry():
        try:
            fm.toBan(ip); banned = True
        except FailManagerEmpty: pass
    if t >= next_svc:  # the clean-up schedule of our jail: every 5 s (Fail2Ban's performSvc interval)
        next_svc = t + 5; fm.cleanup(t)
    out.append(banned)
print(json.dumps(out))`;
    const expected = JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(events) }).toString()) as boolean[];
    const clock = { t: 0 };
    const jail = createJail({ maxretry: 4, findtime: 120, bantime: 1, now: () => clock.t });
    const actual = events.map(([ip, time]) => {
      clock.t = time;
      const ticket = jail.addFailure({ id: ip, time });
      jail.expireBans(time + 2); // keep the ban list out of the way: only failure counting is compared
      return ticket !== null;
    });
    expect(actual).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(5);
  });
});
