import { describe, expect, it } from 'vitest';
import { formatStatistics } from '../src/client/_format-status.js';

describe('statistics table', () => {
  it("widens columns for long names and counts as fail2ban-client does (its Beautifier's output for the same row)", () => {
    const row = { jail: 'nginx-http-auth-long', backend: 'systemd', currentlyFailed: 0, totalFailed: 12345, currentlyBanned: 0, totalBanned: 7 };
    expect(formatStatistics([row])).toBe(
      [
        '                      ║          ║ Filter      ║ Actions  ',
        ' Jail                 ║ Backend  ╟─────────────╫───────────',
        '                      ║          ║ cur │   tot ║ cur │ tot',
        '══════════════════════╬══════════╬═════════════╬═══════════',
        ' nginx-http-auth-long ║ systemd  ║   0 │ 12345 ║   0 │   7',
        '══════════════════════╩══════════╩═════════════╩═══════════',
      ].join('\n'),
    );
  });

  it('says so when there are no jails', () => {
    expect(formatStatistics([])).toBe('No jails found.');
  });
});
