import { describe, it, expect } from 'vitest';
import { createJail, createMemoryBanHistory, NotBannedError, AddressError, JailOptionError, FormulaError, PERMANENT_END, type JailOptions, type BanTicket } from '@f2b/jail';

function makeJail(options: JailOptions = {}) {
  const clock = { t: 100_000 };
  const jail = createJail({ maxretry: 2, findtime: 600, bantime: 600, now: () => clock.t, ...options });
  /** Two failures now: a ban with maxretry 2. */
  const offend = (ip: string) => {
    const first = jail.addFailure({ id: ip });
    return jail.addFailure({ id: ip }) ?? first;
  };
  return { jail, clock, offend };
}

describe('bans', () => {
  it('lasts bantime: in force at its last second, expired right after', () => {
    const { jail, clock, offend } = makeJail();
    const ticket = offend('192.0.2.1')!;
    expect(jail.expireBans(clock.t + 600)).toEqual([]);
    expect(jail.expireBans(clock.t + 601)).toEqual([ticket]);
    expect(jail.status()).toMatchObject({ currentlyBanned: 0, totalBanned: 1 });
  });

  it('never expires a permanent ban (bantime -1)', () => {
    const { jail, clock, offend } = makeJail({ bantime: -1 });
    expect(offend('192.0.2.1')).toMatchObject({ bantime: -1 });
    expect(jail.expireBans(clock.t + 10 * 365 * 86400)).toEqual([]);
    expect(jail.status().bannedList).toEqual([{ ip: '192.0.2.1', time: clock.t, bantime: -1, end: PERMANENT_END }]);
  });

  it('lists bans with their end times, earliest first', () => {
    const { jail, clock, offend } = makeJail();
    offend('192.0.2.1');
    clock.t += 10;
    offend('2001:db8::7');
    clock.t += 10;
    jail.banIp('192.0.2.3');
    expect(jail.status().bannedList.map((b) => [b.ip, b.end])).toEqual([
      ['192.0.2.1', 100_600],
      ['2001:db8::7', 100_610],
      ['192.0.2.3', 100_620],
    ]);
  });

  it('does not ban from failures whose ban would already be over', () => {
    const { jail, clock } = makeJail({ bantime: 10 });
    jail.addFailure({ id: '192.0.2.1', time: clock.t - 30 });
    expect(jail.addFailure({ id: '192.0.2.1', time: clock.t - 20 })).toBeNull();
    expect(jail.status()).toMatchObject({ currentlyBanned: 0, totalBanned: 0, currentlyFailed: 0 });
  });

  it('prolongs a ban when the address fails again while banned', () => {
    const prolonged: BanTicket[] = [];
    const { jail, clock, offend } = makeJail({ onProlong: (t) => prolonged.push(t) });
    offend('192.0.2.1');
    clock.t += 100;
    expect(offend('192.0.2.1')).toBeNull();
    expect(prolonged).toEqual([expect.objectContaining({ ip: '192.0.2.1', time: 100_000, bantime: 700 })]);
    expect(jail.getBan('192.0.2.1')?.bantime).toBe(700);
    expect(jail.status().totalBanned).toBe(1);
  });

  it('banip bans now with no failures, once', () => {
    const { jail, clock } = makeJail();
    expect(jail.banIp('192.0.2.5')).toMatchObject({ ip: '192.0.2.5', failures: 0, time: clock.t, bantime: 600, bancount: 1 });
    expect(jail.banIp('192.0.2.5')).toBeNull();
    expect(jail.status()).toMatchObject({ currentlyBanned: 1, totalBanned: 1 });
  });

  it('unbanip lifts one ban, or every ban inside a network', () => {
    const { jail } = makeJail();
    for (const ip of ['192.0.2.1', '192.0.2.2', '198.51.100.1', '2001:db8::1', '2001:db8:1::1']) jail.banIp(ip);
    expect(jail.unbanIp('198.51.100.1').map((t) => t.ip)).toEqual(['198.51.100.1']);
    expect(jail.unbanIp('192.0.2.0/24').map((t) => t.ip).sort()).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(jail.unbanIp('2001:db8::/48').map((t) => t.ip)).toEqual(['2001:db8::1']);
    expect(jail.status().bannedList.map((b) => b.ip)).toEqual(['2001:db8:1::1']);
  });

  it('unbanip of an address not banned is an error unless ifExists', () => {
    const { jail } = makeJail();
    expect(() => jail.unbanIp('192.0.2.9')).toThrow(NotBannedError);
    expect(() => jail.unbanIp('192.0.2.9')).toThrow("jail 'jail': 192.0.2.9 is not banned");
    expect(jail.unbanIp('192.0.2.9', { ifExists: true })).toEqual([]);
    expect(() => jail.unbanIp('192.0.2.0/40')).toThrow(AddressError);
  });

  it('unban --all lifts every ban', () => {
    const { jail } = makeJail();
    jail.banIp('192.0.2.1');
    jail.banIp('192.0.2.2');
    expect(jail.unbanAll()).toHaveLength(2);
    expect(jail.status()).toMatchObject({ currentlyBanned: 0, totalBanned: 2 });
  });

  it('restores bans from a database with the restored flag, skipping ended ones', () => {
    const { jail, clock } = makeJail();
    expect(jail.restoreBan({ ip: '192.0.2.1', time: clock.t - 100, bantime: 600, bancount: 3 })).toMatchObject({ restored: true, bancount: 3 });
    expect(jail.restoreBan({ ip: '192.0.2.2', time: clock.t - 700, bantime: 600, bancount: 1 })).toBeNull();
    expect(jail.expireBans(clock.t + 501)).toHaveLength(1);
  });

  it.each([
    [{ maxretry: 0 }, "jail 'jail': option 'maxretry': 0 is not a positive integer"],
    [{ findtime: -5 }, "jail 'jail': option 'findtime': -5 is not a positive number of seconds"],
    [{ bantime: -2 }, "jail 'jail': option 'bantime': -2 is not a number of seconds or -1 (permanent)"],
    [{ name: 'sshd', bantimeIncrement: { enabled: true, maxtime: 0 } }, "jail 'sshd': option 'bantime.maxtime': 0 is not a positive number of seconds"],
  ])('rejects %j', (options, message) => {
    expect(() => createJail(options)).toThrow(JailOptionError);
    expect(() => createJail(options)).toThrow(message);
  });

  it('rejects a bad bantime.formula when the jail is created', () => {
    expect(() => createJail({ bantimeIncrement: { enabled: true, formula: 'ban.Time * os.getpid()' } })).toThrow(FormulaError);
  });
});

describe('bantime.increment', () => {
  /** Bans `ip` again and again; returns each ticket's bantime and bancount. */
  function banRepeatedly(options: JailOptions, times: number, ip = '192.0.2.1') {
    const { jail, clock, offend } = makeJail(options);
    const seen: Array<[number, number]> = [];
    for (let i = 0; i < times; i++) {
      const ticket = offend(ip)!;
      seen.push([ticket.bantime, ticket.bancount]);
      clock.t += ticket.bantime + 1;
      jail.expireBans();
    }
    return seen;
  }

  it('doubles with the default formula', () => {
    expect(banRepeatedly({ bantimeIncrement: { enabled: true } }, 4)).toEqual([[600, 1], [1200, 2], [2400, 3], [4800, 4]]);
  });

  it('applies the factor', () => {
    expect(banRepeatedly({ bantimeIncrement: { enabled: true, factor: 3 } }, 3)).toEqual([[600, 1], [3600, 2], [7200, 3]]);
  });

  it('uses multipliers when given, repeating the last one', () => {
    expect(banRepeatedly({ bantimeIncrement: { enabled: true, multipliers: [1, 5, 30] } }, 5).map(([t]) => t)).toEqual([600, 3000, 18000, 18000, 18000]);
  });

  it('caps at maxtime, then adds rndtime', () => {
    const capped = banRepeatedly({ bantimeIncrement: { enabled: true, maxtime: 2000, rndtime: 100 }, random: () => 0.5 }, 4);
    expect(capped.map(([t]) => t)).toEqual([600, 1250, 2050, 2050]);
  });

  it('never goes below the base time with a formula', () => {
    expect(banRepeatedly({ bantimeIncrement: { enabled: true, formula: 'ban.Time / 10' } }, 2).map(([t]) => t)).toEqual([600, 600]);
  });

  it('counts bans in other jails with overalljails and a shared history', () => {
    const history = createMemoryBanHistory();
    const clock = { t: 1000 };
    const make = (name: string, overalljails: boolean) =>
      createJail({ name, maxretry: 1, bantime: 100, history, now: () => clock.t, bantimeIncrement: { enabled: true, overalljails } });
    const sshd = make('sshd', true);
    const web = make('web', true);
    const mail = make('mail', false);
    expect(sshd.addFailure({ id: '192.0.2.1' })?.bantime).toBe(100);
    clock.t += 1;
    expect(web.addFailure({ id: '192.0.2.1' })?.bantime).toBe(200);
    clock.t += 1;
    expect(mail.addFailure({ id: '192.0.2.1' })?.bantime).toBe(100);
  });

  it('makes each failure of a known offender weigh more (2, 3, 5, … up to maxretry)', () => {
    const { jail, clock } = makeJail({ maxretry: 4, bantime: 10, bantimeIncrement: { enabled: true } });
    const fail = () => jail.addFailure({ id: '192.0.2.1' });
    const next = () => {
      clock.t += 100;
      jail.expireBans();
    };
    expect([fail(), fail(), fail(), fail()].map((t) => t?.bancount ?? null)).toEqual([null, null, null, 1]);
    next();
    // banned once: each failure weighs 2 → the second one reaches 4.
    expect([fail(), fail()].map((t) => t?.bancount ?? null)).toEqual([null, 2]);
    next();
    // banned twice: each weighs 3 → again the second one.
    expect([fail(), fail()].map((t) => t && [t.bancount, t.bantime])).toEqual([null, [3, 40]]);
    next();
    // banned three times: 5, capped at maxretry 4 → the first failure bans.
    expect(fail()).toMatchObject({ bancount: 4, bantime: 80, failures: 1 });
  });

  it('does not weigh failures dated before the last ban (already counted)', () => {
    const { jail, clock } = makeJail({ maxretry: 4, bantime: 10, findtime: 1000, bantimeIncrement: { enabled: true } });
    for (let i = 0; i < 4; i++) jail.addFailure({ id: '192.0.2.1' });
    const banTime = clock.t;
    clock.t += 11;
    expect(jail.expireBans()).toHaveLength(1);
    expect(jail.addFailure({ id: '192.0.2.1', time: banTime })).toBeNull();
    expect(jail.addFailure({ id: '192.0.2.1', time: banTime - 1 })).toBeNull();
    expect(jail.addFailure({ id: '192.0.2.1', time: banTime - 2 })).toBeNull();
    expect(jail.addFailure({ id: '192.0.2.1', time: banTime - 3 })).toMatchObject({ restored: true });
  });

  it('forgets earlier bans on unbanip', () => {
    const { jail, offend } = makeJail({ bantimeIncrement: { enabled: true } });
    offend('192.0.2.1');
    jail.unbanIp('192.0.2.1');
    expect(offend('192.0.2.1')).toMatchObject({ bantime: 600, bancount: 1 });
  });
});
