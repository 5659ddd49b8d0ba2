import { describe, expect, it } from 'vitest';
import { formatServerStatus } from '../src/client/_format-status.js';

const fleet = {
  url: 'redis://f2b:***@10.0.0.5:6379/0',
  stream: 'f2b:bans',
  origin: 'web1',
  connected: true,
  lastId: '1764871200000-3',
  lagMs: 4,
  queued: 0,
  published: 12,
  applied: 30,
  downSince: null,
};

describe('status with a fleet link', () => {
  it('adds a Fleet branch to the tree', () => {
    expect(formatServerStatus({ jails: ['sshd'], fleet })).toBe(
      [
        'Status',
        '|- Number of jail:\t1',
        '|- Jail list:\tsshd',
        '`- Fleet',
        '   |- Redis:\tredis://f2b:***@10.0.0.5:6379/0',
        '   |- Stream:\tf2b:bans (origin web1)',
        '   |- Connected:\tyes',
        '   |- Last id:\t1764871200000-3',
        '   |- Lag:\t4 ms',
        '   |- Queued events:\t0',
        '   `- Published / applied:\t12 / 30',
      ].join('\n'),
    );
  });

  it('says since when Redis is unreachable, and dashes for what is not known yet', () => {
    const text = formatServerStatus({ jails: [], fleet: { ...fleet, connected: false, downSince: 1_764_871_200, lastId: null, lagMs: null, queued: 7 } });
    expect(text).toContain('|- Connected:\tno (unreachable since 2025-12-04T18:00:00.000Z)');
    expect(text).toContain('|- Last id:\t-');
    expect(text).toContain('|- Lag:\t-');
    expect(text).toContain('|- Queued events:\t7');
  });
});
