import { describe, it, expect } from 'vitest';
import { createJail } from '@f2b/jail';

describe('many addresses', () => {
  it('tracks 200,000 distinct addresses and reuses their slots after clean-up without mixing them up', () => {
    const clock = { t: 1_000_000 };
    const jail = createJail({ maxretry: 3, findtime: 100, now: () => clock.t });
    const ip = (i: number, net: number) => `10.${net}.${(i >> 8) & 255}.${i & 255}`;
    for (let i = 0; i < 65_536; i++) for (let net = 0; net < 3; net++) jail.addFailure({ id: ip(i, net), matches: [`line ${net}.${i}`] });
    expect(jail.status().currentlyFailed).toBe(3 * 65_536);
    clock.t += 99;
    // A second failure for net 0 keeps it; the rest leave the window.
    for (let i = 0; i < 65_536; i++) jail.addFailure({ id: ip(i, 0) });
    clock.t += 1;
    expect(jail.cleanupFailures()).toBe(2 * 65_536);
    expect(jail.status().currentlyFailed).toBe(65_536);
    // New addresses take the freed slots; old counts and lines must not leak into them.
    for (let i = 0; i < 65_536; i++) {
      jail.addFailure({ id: ip(i, 7), matches: [`new ${i}`] });
      jail.addFailure({ id: ip(i, 7) });
    }
    expect(jail.addFailure({ id: ip(4242, 7) })).toMatchObject({ failures: 3, matches: ['new 4242'] });
    expect(jail.addFailure({ id: ip(4242, 0) })).toMatchObject({ failures: 3, matches: ['line 0.4242'] });
    expect(jail.status()).toMatchObject({ currentlyFailed: 2 * 65_536 - 2, currentlyBanned: 2 });
  });
});
