import { describe, expect, it } from 'vitest';
import { fromStreamEntry, toStreamFields } from '../src/event.js';

const fields = (overrides: Record<string, string> = {}): string[] => {
  const base: Record<string, string> = { v: '1', origin: 'web1', instance: 'i-1', seq: '3', kind: 'ban', jail: 'sshd', ip: '192.0.2.7', time: '1700000000.5', bantime: '600', bancount: '2', ...overrides };
  return Object.entries(base).flat();
};

describe('stream entries', () => {
  it('round-trips an event', () => {
    const event = { kind: 'ban', jail: 'sshd', ip: '2001:db8::1', time: 1_700_000_000.25, bantime: -1, bancount: 4, seq: 9 } as const;
    expect(fromStreamEntry('1-0', toStreamFields(event, 'web1', 'i-1'))).toEqual({ ...event, id: '1-0', origin: 'web1', sender: 'web1/i-1' });
  });

  it.each([
    [{ v: '2' }, `unknown format '"2"'`],
    [{ kind: 'reboot' }, `unknown kind '"reboot"'`],
    [{ ip: '$(reboot)' }, 'ip "$(reboot)" is not an IPv4 or IPv6 address'],
    [{ ip: 'root' }, 'ip "root" is not an IPv4 or IPv6 address'],
    [{ jail: 'ss\nhd' }, 'origin, instance, jail or ip missing or malformed'],
    [{ origin: 'x'.repeat(300) }, 'origin, instance, jail or ip missing or malformed'],
    [{ seq: '0' }, 'seq is not a positive integer'],
    [{ seq: '1.5' }, 'seq is not a positive integer'],
    [{ bantime: '-5' }, 'time, bantime or bancount malformed'],
    [{ time: '1e9' }, 'time, bantime or bancount malformed'],
  ])('refuses %j', (overrides, invalid) => {
    expect(fromStreamEntry('1-0', fields(overrides))).toEqual({ invalid });
  });
});
