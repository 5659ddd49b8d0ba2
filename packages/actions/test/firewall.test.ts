import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fail2banAvailable } from '@f2b/test-utils';
import { createCommandAction, createShellRunner, type BanInfo, type Family } from '../src/index.js';
import { readDebianActionSpecs } from './_debian-spec.js';
import { createNetnsPair, netnsUnavailableReason, type NetnsPair } from './_netns.js';

const OWN_SET_ACTION = join(import.meta.dirname, '..', '..', 'config', 'action.d', 'nftables-set.conf');
const reason = netnsUnavailableReason() ?? (fail2banAvailable() ? null : 'real-firewall tests read Debian\'s action.d (install fail2ban)');
if (reason) console.log(`skipping real-firewall tests: ${reason}`);

const CASES: Record<string, string> = {
  fwa: 'iptables-multiport[port="2222"]',
  fwb: 'iptables-allports',
  fwc: 'nftables-multiport[port="2222"]',
  fwd: 'nftables-allports',
  fwe: 'iptables-ipset-proto6[port="2222"]',
  fwf: 'iptables-ipset-proto6-allports',
  fwg: 'nftables-set[port="2222"]',
  fwh: 'iptables-ipset[port="2222"]',
};

function banOf(ip: string, family: Family): BanInfo {
  return { ip, family, failures: 3, matches: ['x'], time: Math.floor(Date.now() / 1000), bantime: 600, bancount: 0, restored: false, fields: {} };
}

describe.skipIf(reason !== null)('real firewalls in a network namespace', () => {
  let pair: NetnsPair;
  let specs: ReturnType<typeof readDebianActionSpecs>;

  beforeAll(async () => {
    pair = await createNetnsPair('fw', 201);
    specs = readDebianActionSpecs(CASES, [OWN_SET_ACTION]);
  });
  afterAll(() => pair?.remove());

  it.each(Object.entries(CASES))('jail %s: %s bans and unbans IPv4 and IPv6 connections', async (jail, line) => {
    const name = line.replace(/\[.*$/, '');
    const spec = specs[jail]?.[name];
    expect(spec).toBeDefined();
    const errors: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => errors.push(m), error: (m: string) => errors.push(m) };
    const action = createCommandAction(spec!, { jailName: jail, logger, runner: createShellRunner({ prefix: ['ip', 'netns', 'exec', pair.server] }) });
    await action.start();
    try {
      for (const [family, ip] of [['inet4', pair.clientV4], ['inet6', pair.clientV6]] as const) {
        expect(pair.canConnect(family)).toBe(true);
        await action.ban(banOf(ip, family));
        expect(pair.isBlocked(family)).toBe(true);
        await action.unban(banOf(ip, family));
        expect(pair.canConnect(family)).toBe(true);
      }
      await action.ban(banOf(pair.clientV4, 'inet4'));
      expect(pair.isBlocked('inet4')).toBe(true);
    } finally {
      await action.stop();
    }
    // Stopping removes the rules with the bans still in them.
    expect(pair.canConnect('inet4')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('nftables-set bans a batch with element timeouts in one transaction and expires nothing early', async () => {
    const spec = specs.fwg?.['nftables-set'];
    const commands: string[] = [];
    const shell = createShellRunner({ prefix: ['ip', 'netns', 'exec', pair.server] });
    const action = createCommandAction(spec!, {
      jailName: 'fwg',
      runner: (command, timeout) => {
        commands.push(command.script);
        return shell(command, timeout);
      },
    });
    await action.start();
    try {
      const infos = [banOf('192.0.2.1', 'inet4'), { ...banOf(pair.clientV4, 'inet4'), bantime: -1 }, banOf('2001:db8::5', 'inet6'), banOf(pair.clientV6, 'inet6')];
      expect(await action.batchBan!(infos)).toEqual([]);
      expect(commands.filter((c) => c.includes('nft -f -'))).toHaveLength(2);
      expect(pair.isBlocked('inet4')).toBe(true);
      expect(pair.isBlocked('inet6')).toBe(true);
      const listing = pair.inServer('nft list set inet f2b-sets f2b-fwg-v4');
      expect(listing).toMatch(/192\.0\.2\.1 timeout 10m/);
      expect(listing).toMatch(new RegExp(`${pair.clientV4.replace(/\./g, '\\.')}[,\\s]`));
      expect(await action.batchUnban!(infos)).toEqual([]);
      expect(pair.canConnect('inet4')).toBe(true);
      expect(pair.canConnect('inet6')).toBe(true);
    } finally {
      await action.stop();
    }
    expect(pair.inServer('nft list tables')).not.toMatch(/f2b-sets/);
  });
});
