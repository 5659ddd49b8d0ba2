import { describe, expect, it } from 'vitest';
import { ConfigError, parseDuration, parseNamedOptions, splitNamedList, substituteTags } from '@f2b/config-reader';

describe('parseDuration', () => {
  it.each([
    ['600', 600],
    ['10m', 600],
    ['1h 30m', 5400],
    ['1h30m', 5400],
    ['1d', 86400],
    ['1w', 604800],
    ['2 days', 172800],
    ['1hour+30min', 5400],
    ['-1', -1],
    ['1mo', 2629800],
    ['1y - 6mo', 15778800],
    ['3600*24', 86400],
    ['5s', 5],
  ])('reads %j as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'soon', '10 parsecs', '1h)', '(1h'])('rejects %j naming the option', (text) => {
    expect(() => parseDuration(text, 'jail.local: bantime')).toThrow(/^jail\.local: bantime: '.*' .* \(expected a time like 600, 10m, 1h 30m, 1d, -1\)$/);
  });
});

describe('parseNamedOptions', () => {
  it('reads a name with options, quoted values keeping commas and brackets', () => {
    expect(parseNamedOptions('iptables[name=SSH, port="ssh, 2222", protocol=\'tcp\']', 'action')).toEqual({
      name: 'iptables',
      options: { name: 'SSH', port: 'ssh, 2222', protocol: 'tcp' },
    });
  });

  it('reads several option groups and a bare name', () => {
    expect(parseNamedOptions('sshd[mode=aggressive][logtype=file]', 'filter').options).toEqual({ mode: 'aggressive', logtype: 'file' });
    expect(parseNamedOptions(' sshd ', 'filter')).toEqual({ name: 'sshd', options: {} });
    // Fail2Ban 1.1: an argument for a conditional variant only.
    expect(parseNamedOptions('iptables[blocktype=DROP, blocktype?family=inet6="REJECT --x"]', 'action').options).toEqual({ blocktype: 'DROP', 'blocktype?family=inet6': 'REJECT --x' });
  });

  it.each([
    ['x[a=1', "filter: expected 'name[key=value, …]', got 'x[a=1'"],
    ['x[=1]', "filter: expected key=value at '=1'"],
    ['x[a="1]', 'filter: unclosed " at \'"1\''],
    ['x[a="1" b=2]', "filter: expected ',' between options at 'b=2'"],
  ])('rejects %j', (text, message) => {
    expect(() => parseNamedOptions(text, 'filter')).toThrow(new ConfigError('E_CONFIG_SYNTAX', message));
  });
});

describe('splitNamedList', () => {
  it('splits actions on lines and spaces, keeping multi-line brackets with their name', () => {
    const text = 'iptables-multiport[name=sshd, port="ssh,2222",\n   protocol=tcp]\n sendmail-whois[dest=root]  hostsdeny';
    expect(splitNamedList(text)).toEqual(['iptables-multiport[name=sshd, port="ssh,2222",\n   protocol=tcp]', 'sendmail-whois[dest=root]', 'hostsdeny']);
  });
});

describe('substituteTags', () => {
  const tags = (entries: Record<string, string>, options = {}) => Object.fromEntries(substituteTags(new Map(Object.entries(entries)), options));

  it('replaces tags by other values recursively, leaving unknown ones', () => {
    expect(tags({ a: '3', b: '<a>_3', c: '<b>-<ip>' })).toEqual({ a: '3', b: '3_3', c: '3_3-<ip>' });
  });

  it('builds tag names from tags (<mdre-<mode>>)', () => {
    expect(tags({ mode: 'ddos', 'mdre-ddos': '^ddos', failregex: '<mdre-<mode>>' })['failregex']).toBe('^ddos');
  });

  it('with requireBuiltTags, a built tag name that names nothing is one error naming the option and the value', () => {
    const required = { requireBuiltTags: new Set(['failregex']), context: 'f.conf' };
    expect(() => tags({ mode: 'bogus', 'mdre-ddos': '^ddos', failregex: '^x<mdre-<mode>>' }, required)).toThrow(
      "f.conf: option 'failregex': mode 'bogus' selects <mdre-bogus>, which is not defined",
    );
    // The same built name in an option outside the set, and unknown tags nobody built, stay as text.
    expect(tags({ mode: 'bogus', helper: '<mdre-<mode>>', failregex: '<HOST> <unknown>' }, required)).toMatchObject({ helper: '<mdre-bogus>', failregex: '<HOST> <unknown>' });
    expect(tags({ mode: 'ddos', 'mdre-ddos': '^ddos', failregex: '<mdre-<mode>>' }, required)['failregex']).toBe('^ddos');
  });

  it('keeps ignored tags and prefers a conditional value', () => {
    expect(tags({ a: 'x', cmd: '<a> <matches>', matches: 'm' }, { ignore: new Set(['matches']) })['cmd']).toBe('x <matches>');
    expect(tags({ ipt: 'iptables', 'ipt?family=inet6': 'ip6tables', cmd: '<ipt> -I' }, { conditional: 'family=inet6' })['cmd']).toBe('ip6tables -I');
  });

  it('uses the fallback for tags not in the set', () => {
    expect(tags({ cmd: '<helper>' }, { fallback: (t: string) => (t === 'helper' ? 'done' : undefined) })['cmd']).toBe('done');
  });

  it('rejects a self-referencing or looping definition instead of hanging', () => {
    expect(() => tags({ a: '<a>' })).toThrow(/option 'a' refers to itself through <a>/);
    expect(() => tags({ a: '<b>', b: '<a>' })).toThrow(/refers to itself/);
  });
});
