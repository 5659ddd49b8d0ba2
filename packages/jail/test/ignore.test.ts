import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, utimesSync } from 'node:fs';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { createIgnoreRules, createJail, JailOptionError, type CommandRunner } from '@f2b/jail';

const noSelf = { ignoreself: false } as const;

describe('ignoreip', () => {
  it('matches single IPv4 and IPv6 addresses in canonical form', () => {
    const rules = createIgnoreRules({ ...noSelf, ignoreip: ['192.0.2.1', '2001:DB8::1'] });
    expect(rules.checkSync('192.0.2.1')).toBe(true);
    expect(rules.checkSync('2001:db8:0::1')).toBe(true);
    expect(rules.checkSync('::ffff:192.0.2.1')).toBe(true);
    expect(rules.checkSync('192.0.2.2')).toBe(false);
  });

  it('matches IPv4 CIDRs and netmasks at their edges', () => {
    const rules = createIgnoreRules({ ...noSelf, ignoreip: ['10.1.0.0/16', '172.16.0.0/255.255.255.0', '127.0.0.1/8'] });
    expect(rules.checkSync('10.1.255.255')).toBe(true);
    expect(rules.checkSync('10.2.0.0')).toBe(false);
    expect(rules.checkSync('172.16.0.200')).toBe(true);
    expect(rules.checkSync('172.16.1.0')).toBe(false);
    expect(rules.checkSync('127.9.9.9')).toBe(true);
    const all = createIgnoreRules({ ...noSelf, ignoreip: ['0.0.0.0/0'] });
    expect([all.checkSync('255.255.255.255'), all.checkSync('0.0.0.1'), all.checkSync('::1')]).toEqual([true, true, false]);
  });

  it('matches IPv6 CIDRs at their edges, never across families', () => {
    const rules = createIgnoreRules({ ...noSelf, ignoreip: ['2001:db8:abcd::/48', 'fe80::/10'] });
    expect(rules.checkSync('2001:db8:abcd:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(rules.checkSync('2001:db8:abce::')).toBe(false);
    expect(rules.checkSync('fe80::1')).toBe(true);
    expect(rules.checkSync('febf::1')).toBe(true);
    expect(rules.checkSync('fec0::1')).toBe(false);
    expect(rules.checkSync('32.1.13.184')).toBe(false); // 2001:0db8 read as IPv4 bytes
  });

  it('resolves DNS names asynchronously, caches them, and re-resolves after the cache time', async () => {
    const clock = { t: 1000 };
    const lookups: string[] = [];
    let answer = ['192.0.2.50', '2001:db8::50'];
    const rules = createIgnoreRules({
      ...noSelf, ignoreip: ['Trusted.Example'], now: () => clock.t, nameCacheTime: 60,
      resolveName: async (name) => (lookups.push(name), answer),
    });
    expect(rules.checkSync('192.0.2.50')).toBeUndefined();
    expect(await rules.isIgnored('192.0.2.50')).toBe(true);
    expect(rules.checkSync('2001:db8::50')).toBe(true);
    expect(rules.checkSync('192.0.2.51')).toBe(false);
    answer = ['192.0.2.51'];
    clock.t += 61;
    expect(await rules.isIgnored('192.0.2.51')).toBe(true);
    expect(lookups).toEqual(['trusted.example', 'trusted.example']);
  });

  describe('file: lists', () => {
    let tree: TempTree | undefined;
    afterEach(() => tree?.remove());

    it('reads addresses, networks and comments, and re-reads the file when it changes', () => {
      tree = makeTempTree({ 'ignore.list': '# office\n192.0.2.7, 198.51.100.0/24\n2001:db8::/32 # v6\n' });
      const clock = { t: 1000 };
      const rules = createIgnoreRules({ ...noSelf, ignoreip: [`file:${tree.path('ignore.list')}`], now: () => clock.t });
      expect(rules.checkSync('192.0.2.7')).toBe(true);
      expect(rules.checkSync('198.51.100.99')).toBe(true);
      expect(rules.checkSync('2001:db8:1::1')).toBe(true);
      expect(rules.checkSync('203.0.113.1')).toBe(false);
      const file = tree.write('ignore.list', '203.0.113.1\n');
      utimesSync(file, new Date(), new Date(Date.now() + 5000));
      clock.t += 2;
      expect(rules.checkSync('203.0.113.1')).toBe(true);
      expect(rules.checkSync('192.0.2.7')).toBe(false);
    });

    it('treats a missing file as empty', () => {
      const rules = createIgnoreRules({ ...noSelf, ignoreip: ['file:/nonexistent/f2b/list'] });
      expect(rules.checkSync('192.0.2.7')).toBe(false);
    });
  });

  it('rejects an entry that is neither address, network nor name', () => {
    expect(() => createIgnoreRules({ jail: 'sshd', ignoreip: ['10.0.0.0/33'] })).toThrow(JailOptionError);
    expect(() => createIgnoreRules({ jail: 'sshd', ignoreip: ['bad name!'] })).toThrow(
      "jail 'sshd': option 'ignoreip': 'bad name!' is not an address, CIDR network, DNS name or file: list",
    );
  });

  it('adds and deletes entries at run time', () => {
    const rules = createIgnoreRules({ ...noSelf, ignoreip: ['192.0.2.1'] });
    rules.addIgnoreIp(['192.0.2.0/24']);
    expect(rules.checkSync('192.0.2.99')).toBe(true);
    expect(rules.deleteIgnoreIp('192.0.2.0/24')).toBe(true);
    expect(rules.deleteIgnoreIp('192.0.2.0/24')).toBe(false);
    expect(rules.listIgnoreIp()).toEqual(['192.0.2.1']);
    expect(rules.checkSync('192.0.2.99')).toBe(false);
  });
});

describe('ignoreself', () => {
  it('ignores this host\'s addresses by default, and not when off', () => {
    const selfAddresses = () => ['203.0.113.9', 'fe80::9'];
    expect(createIgnoreRules({ selfAddresses }).checkSync('203.0.113.9')).toBe(true);
    expect(createIgnoreRules({ selfAddresses, ignoreself: false }).checkSync('203.0.113.9')).toBe(false);
  });

  it('reads the real interfaces when none are injected', () => {
    expect(createIgnoreRules().checkSync('127.0.0.1')).toBe(true);
    expect(createIgnoreRules().checkSync('192.0.2.254')).toBe(false);
  });
});

describe('ignorecommand', () => {
  it('ignores on exit code 0, passing tag values through the environment', async () => {
    const calls: Array<[string, Record<string, string>]> = [];
    const runCommand: CommandRunner = async (command, env) => (calls.push([command, { ...env }]), env['F2B_TAG_0'] === '192.0.2.1' ? 0 : 1);
    const rules = createIgnoreRules({ ...noSelf, ignorecommand: '/usr/local/bin/check <ip> <F-USER>', runCommand });
    expect(rules.checkSync('192.0.2.1')).toBeUndefined();
    expect(await rules.isIgnored('192.0.2.1', { user: 'root' })).toBe(true);
    expect(await rules.isIgnored('192.0.2.2')).toBe(false);
    expect(calls[0]).toEqual(['/usr/local/bin/check "${F2B_TAG_0}" "${F2B_TAG_1}"', { F2B_TAG_0: '192.0.2.1', F2B_TAG_1: 'root' }]);
    expect(calls[1]![0]).toBe('/usr/local/bin/check "${F2B_TAG_0}" <F-USER>');
  });

  it('never lets a hostile captured value reach the shell as code, whatever the quoting', async () => {
    const tree = makeTempTree();
    try {
      const marker = tree.path('pwned');
      const hostile = `x'"; touch ${marker}; echo '$(touch ${marker})\`touch ${marker}\``;
      const template = `test <F-USER> = "$F2B_EXPECT" && test "<F-USER>" = "$F2B_EXPECT" && test '<F-USER>' = "$F2B_EXPECT"`;
      process.env['F2B_EXPECT'] = hostile;
      const rules = createIgnoreRules({ ...noSelf, ignorecommand: template });
      expect(await rules.isIgnored('192.0.2.1', { user: hostile })).toBe(true);
      expect(await rules.isIgnored('192.0.2.2', { user: 'other' })).toBe(false);
      expect(existsSync(marker)).toBe(false);
    } finally {
      delete process.env['F2B_EXPECT'];
      tree.remove();
    }
  });

  it('counts a command that times out as not ignored', async () => {
    const rules = createIgnoreRules({ ...noSelf, ignorecommand: 'sleep 5', commandTimeout: 0.2 });
    expect(await rules.isIgnored('192.0.2.1')).toBe(false);
  });
});

describe('ignorecache', () => {
  it('remembers answers per key for max-time, at most max-count of them', async () => {
    const clock = { t: 1000 };
    let runs = 0;
    const runCommand: CommandRunner = async () => (runs++, 0);
    const rules = createIgnoreRules({
      ...noSelf, ignorecommand: 'check <ip>', runCommand, now: () => clock.t,
      ignorecache: { key: '<ip>', 'max-count': '2', 'max-time': '5m' },
    });
    expect(await rules.isIgnored('192.0.2.1')).toBe(true);
    expect(rules.checkSync('192.0.2.1')).toBe(true);
    expect(runs).toBe(1);
    await rules.isIgnored('192.0.2.2');
    await rules.isIgnored('192.0.2.3'); // evicts 192.0.2.1
    expect(rules.checkSync('192.0.2.1')).toBeUndefined();
    clock.t += 301;
    expect(rules.checkSync('192.0.2.3')).toBeUndefined();
    expect(runs).toBe(3);
  });

  it('rejects a cache without a key', () => {
    expect(() => createIgnoreRules({ jail: 'sshd', ignorecache: { 'max-count': '5' } })).toThrow(
      `jail 'sshd': option 'ignorecache': missing 'key' (for example key="<ip>")`,
    );
  });
});

describe('Jail.processFailure', () => {
  it('drops ignored failures before counting them', async () => {
    const jail = createJail({ maxretry: 1, ignoreself: false, ignoreip: ['2001:db8::/32'], ignorecommand: 'x', runCommand: async () => 1 });
    expect(await jail.processFailure({ id: '2001:db8::5' })).toBeNull();
    expect(jail.status().totalFailed).toBe(0);
    expect(await jail.processFailure({ id: '192.0.2.1' })).toMatchObject({ ip: '192.0.2.1' });
  });
});
