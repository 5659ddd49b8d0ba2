import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { PYTHON, fail2banAvailable } from '@f2b/test-utils';
import { createCommandAction, type ActionSpecInput, type Family } from '../src/index.js';
import { readDebianActionSpecs } from './_debian-spec.js';
import { makeBan, recordCommands } from './_helpers.js';

// Fail2Ban's CommandAction builds each operation's command for the same options and ban.
const REFERENCE = `
import json, sys
from fail2ban.server.action import CommandAction
specs = json.loads(sys.stdin.read())
out = {}
for key, opts in specs.items():
    a = CommandAction(None, key)
    for k, v in opts.items(): setattr(a, k, v)
    res = {}
    for fam, ip in (('inet4', '192.0.2.7'), ('inet6', '2001:db8::7')):
        info = {'ip': ip, 'family': fam, 'fid': ip, 'failures': 3, 'time': 1700000000, 'bantime': 600,
                'bancount': 1, 'restored': 0, 'matches': 'line one', 'F-*': {'user': 'root'}}
        res[fam + ' actionstart'] = a._getOperation('<actionstart>', fam)
        for op in ('actionban', 'actionunban'):
            res[fam + ' ' + op] = a.replaceDynamicTags(a.replaceTag('<' + op + '>', a._properties, conditional='family=' + fam), info)
    out[key] = res
print(json.dumps(out))
`;

const ACTIONS = ['iptables-multiport', 'iptables-allports', 'iptables-ipset-proto6', 'nftables-multiport', 'nftables-allports', 'firewallcmd-ipset', 'shorewall', 'route', 'ufw', 'dummy', 'npf', 'pf'];

describe.skipIf(!fail2banAvailable())('commands built like Fail2Ban 1.x builds them', () => {
  const jails = Object.fromEntries(ACTIONS.map((name, i) => [`j${i}`, `${name}[port="22,80"]`]));
  const specs = fail2banAvailable() ? readDebianActionSpecs(jails) : {};
  const flat = (spec: ActionSpecInput) => ({
    ...spec.options,
    ...Object.fromEntries(Object.entries(spec.conditional).flatMap(([cond, values]) => Object.entries(values).map(([k, v]) => [`${k}?${cond}`, v]))),
  });
  const byKey = Object.fromEntries(Object.entries(specs).map(([jail, actions]) => {
    const spec = Object.values(actions)[0] as ActionSpecInput;
    return [`${jail}/${spec.name}`, spec] as const;
  }));
  const reference = fail2banAvailable()
    ? (JSON.parse(execFileSync(PYTHON, ['-c', REFERENCE], { input: JSON.stringify(Object.fromEntries(Object.entries(byKey).map(([k, s]) => [k, flat(s)]))), encoding: 'utf8' })) as Record<string, Record<string, string>>)
    : {};

  it.each(Object.keys(byKey))('%s: start, ban and unban commands match for IPv4 and IPv6', async (key) => {
    const spec = byKey[key] as ActionSpecInput;
    const ours: Record<string, string> = {};
    for (const [family, ip] of [['inet4', '192.0.2.7'], ['inet6', '2001:db8::7']] as Array<[Family, string]>) {
      const rec = recordCommands();
      const action = createCommandAction(spec, { jailName: key.split('/')[0] as string, runner: rec.runner });
      await action.start();
      const info = makeBan({ ip, family, fields: { user: 'root' } });
      await action.ban(info);
      // start() (or the on-demand start of this family) then the ban itself.
      const startAndBan = rec.scripts.slice();
      await action.unban(info);
      ours[`${family} actionstart`] = startAndBan.length > 1 ? (startAndBan[0] as string) : '';
      ours[`${family} actionban`] = startAndBan.at(-1) as string;
      ours[`${family} actionunban`] = rec.scripts.at(-1) as string;
    }
    expect(ours).toEqual(reference[key]);
  });
});
