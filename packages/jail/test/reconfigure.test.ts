import { describe, expect, it } from 'vitest';
import { createJail } from '@f2b/jail';

describe('Jail.reconfigure', () => {
  it('applies a lower maxretry to failures already counted', () => {
    let now = 1000;
    const jail = createJail({ name: 'sshd', maxretry: 5, findtime: 600, bantime: 60, now: () => now });
    expect(jail.addFailure({ id: '192.0.2.7', time: now })).toBeNull();
    expect(jail.addFailure({ id: '192.0.2.7', time: now })).toBeNull();
    jail.reconfigure({ maxretry: 3 });
    expect(jail.options.maxretry).toBe(3);
    now += 1;
    expect(jail.addFailure({ id: '192.0.2.7', time: now })?.ip).toBe('192.0.2.7');
    expect(jail.status()).toMatchObject({ currentlyBanned: 1, totalFailed: 3 });
  });

  it('keeps bans and rebuilds ignore rules only when they change', () => {
    const now = 1000;
    const jail = createJail({ name: 'sshd', maxretry: 1, bantime: 60, ignoreip: [], now: () => now });
    expect(jail.banIp('198.51.100.1')).not.toBeNull();
    const rules = jail.ignore;
    jail.reconfigure({ bantime: 120 });
    expect(jail.ignore).toBe(rules);
    expect(jail.getBan('198.51.100.1')).toBeDefined();
    jail.reconfigure({ ignoreip: ['192.0.2.0/24'] });
    expect(jail.ignore).not.toBe(rules);
    expect(jail.ignore.checkSync('192.0.2.9')).toBe(true);
    expect(jail.banIp('198.51.100.2')?.bantime).toBe(120);
  });

  it('refuses an unusable value and changes nothing', () => {
    const jail = createJail({ name: 'sshd', maxretry: 5 });
    expect(() => jail.reconfigure({ maxretry: 0 })).toThrow(/maxretry/);
    expect(jail.options.maxretry).toBe(5);
  });
});
