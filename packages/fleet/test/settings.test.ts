import { describe, expect, it } from 'vitest';
import { FleetConfigError, parseFleetSettings, redactUrl, selects } from '@f2b/fleet';

const WHERE = '/etc/fail2ban/fail2ban.local [Fleet]';

describe('parseFleetSettings', () => {
  it('reads host, port, database and credentials from the URL, and masks the password for display', () => {
    const { settings, warnings } = parseFleetSettings({ url: 'redis://f2b:s%40cret@10.0.0.5:6380/3', origin: 'web1' }, WHERE);
    expect(settings).toMatchObject({ host: '10.0.0.5', port: 6380, db: 3, username: 'f2b', password: 's@cret', tls: null, origin: 'web1' });
    expect(settings.display).toBe('redis://f2b:***@10.0.0.5:6380/3');
    expect(settings.display).not.toContain('cret');
    expect(warnings).toEqual([]);
  });

  it('has defaults for stream, port, database, maxlen and selections', () => {
    const { settings } = parseFleetSettings({ url: 'redis://localhost' }, WHERE);
    expect(settings).toMatchObject({ port: 6379, db: 0, stream: 'f2b:bans', maxlen: 100_000, publish: 'all', accept: 'all', username: undefined, password: undefined });
  });

  it('lets the password option override the URL, and lists jails to accept', () => {
    const { settings } = parseFleetSettings({ url: 'redis://127.0.0.1', password: 'other', accept: 'sshd, nginx-http-auth' }, WHERE);
    expect(settings.password).toBe('other');
    expect(selects(settings.accept, 'sshd')).toBe(true);
    expect(selects(settings.accept, 'nginx-http-auth')).toBe(true);
    expect(selects(settings.accept, 'postfix')).toBe(false);
  });

  it('turns TLS on for rediss:// and reads tls.verify', () => {
    const { settings } = parseFleetSettings({ url: 'rediss://h:6390', 'tls.verify': 'no', 'tls.servername': 'redis.example' }, WHERE);
    expect(settings.tls).toEqual({ verify: false, servername: 'redis.example' });
  });

  it.each([
    [{}, `${WHERE}: url is missing (e.g. url = redis://f2b:secret@10.0.0.5:6379/0)`],
    [{ url: 'http://x:y@h' }, `${WHERE}: url must start with redis:// or rediss:// (got http://)`],
    [{ url: 'not a url secret' }, `${WHERE}: url '(unparsable url)' is not a URL (expected redis://[user:password@]host[:port][/db])`],
    [{ url: 'redis://u:topsecret@h/abc' }, `${WHERE}: url database 'abc' is not a number`],
    [{ url: 'redis://h', maxlen: '5' }, `${WHERE}: maxlen '5' must be a whole number of at least 100`],
    [{ url: 'redis://h', tls: 'maybe' }, `${WHERE}: tls: 'maybe' is not yes or no`],
    [{ url: 'redis://h', tls: 'yes', 'tls.ca': '/nonexistent/ca.pem' }, `${WHERE}: tls.ca /nonexistent/ca.pem: cannot read (ENOENT)`],
  ])('refuses %j with one line that shows no secret', (options, message) => {
    expect(() => parseFleetSettings(options, WHERE)).toThrow(new FleetConfigError(message));
  });

  it('warns about unknown options', () => {
    expect(parseFleetSettings({ url: 'redis://h', acept: 'all' }, WHERE).warnings).toEqual([`${WHERE}: unknown option 'acept' (ignored)`]);
  });
});

describe('redactUrl', () => {
  it.each([
    ['redis://:pw@h:1/0', 'redis://:***@h:1/0'],
    ['redis://user@h', 'redis://user@h'],
    ['rediss://a:b@[::1]:6379', 'rediss://a:***@[::1]:6379'],
  ])('%s → %s', (url, shown) => expect(redactUrl(url)).toBe(shown));
});
