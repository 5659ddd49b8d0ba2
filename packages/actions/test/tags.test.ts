import { describe, expect, it } from 'vitest';
import { createCommandAction, reverseAddress } from '../src/index.js';
import { makeBan, makeSpec, recordCommands } from './_helpers.js';

async function banScript(options: Record<string, string>, conditional: Record<string, Record<string, string>> = {}, family: 'inet4' | 'inet6' = 'inet4'): Promise<string> {
  const rec = recordCommands();
  const action = createCommandAction(makeSpec({ actionstart: '', ...options }, conditional), { jailName: 'sshd', runner: rec.runner, known: { chain: 'INPUT' } });
  await action.ban(makeBan(family === 'inet6' ? { ip: '2001:db8::7', family } : {}));
  return rec.scripts.at(-1) as string;
}

describe('tag substitution', () => {
  it.each([
    ['recursive values', { actionban: 'x <a>', a: '<b>-a', b: 'b' }, 'x b-a'],
    ['tag names built from tags', { actionban: '<rule-<type>>', type: 'multi', 'rule-multi': 'dport <port>', port: '22' }, 'dport 22'],
    ['<known/…> as the action file\'s own value', { actionban: '-A <chain>', chain: '<known/chain>' }, '-A INPUT'],
    ['known/ options given by the config reader', { actionban: '<known/blocktype>', 'known/blocktype': 'DROP' }, 'DROP'],
    ['<br> and <sp>', { actionban: 'a<br>b<sp>c' }, 'a\nb c'],
    ['unknown tags kept (shell syntax)', { actionban: 'cat <STDIN> <ip>' }, 'cat <STDIN> 192.0.2.7'],
    ['option named like a log tag ignored', { actionban: 'x <matches>', matches: 'from config' }, 'x "${F2B_MATCHES}"'],
    ['a capture the filter did not produce as empty', { actionban: 'x <F-USER>' }, 'x '],
  ])('handles %s', async (_case, options, expected) => {
    expect(await banScript(options)).toBe(expected);
  });

  it('reads <known/…> from the spec\'s known values', async () => {
    const rec = recordCommands();
    const spec = { ...makeSpec({ actionban: '-A <chain>', chain: '<known/chain>' }), known: { chain: 'f2b-input' } };
    await createCommandAction(spec, { jailName: 'j', runner: rec.runner }).ban(makeBan());
    expect(rec.scripts).toEqual(['-A f2b-input']);
  });

  it('never expands tags inside a log value', async () => {
    const rec = recordCommands();
    const action = createCommandAction(makeSpec({ actionban: 'x <F-USER> <ip>' }), { jailName: 'j', runner: rec.runner });
    await action.ban(makeBan({ fields: { user: '<ip><br>' } }));
    expect(rec.commands[0]).toEqual({ script: 'x "${F2B_F_USER}" 192.0.2.7', env: { F2B_F_USER: '<ip><br>' } });
  });

  it('uses [Init?family=inet6] values for IPv6 bans only', async () => {
    const options = { actionban: '<iptables> -I f2b-sshd -s <ip> -j <blocktype>', iptables: 'iptables <lockingopt>', lockingopt: '-w', blocktype: 'REJECT' };
    const conditional = { 'family=inet6': { iptables: 'ip6tables <lockingopt>' } };
    expect(await banScript(options, conditional)).toBe('iptables -w -I f2b-sshd -s 192.0.2.7 -j REJECT');
    expect(await banScript(options, conditional, 'inet6')).toBe('ip6tables -w -I f2b-sshd -s 2001:db8::7 -j REJECT');
  });

  it.each([
    ['192.0.2.7', '7.2.0.192.'],
    ['2001:db8::7', '7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.'],
    ['::ffff:192.0.2.1', '1.0.2.0.0.0.0.c.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.'],
    ['not an address', ''],
  ])('reverses %s for <ip-rev>', (ip, expected) => {
    expect(reverseAddress(ip)).toBe(expected);
  });

  it('quotes a log value for the context it appears in', async () => {
    const rec = recordCommands();
    const action = createCommandAction(makeSpec({ actionban: `a <F-USER> "b <F-USER>" 'c <F-USER>' \\'<F-USER>` }), { jailName: 'j', runner: rec.runner });
    await action.ban(makeBan({ fields: { user: 'x y' } }));
    expect(rec.scripts[0]).toBe(`a "\${F2B_F_USER}" "b \${F2B_F_USER}" 'c '"\${F2B_F_USER}"'' \\'"\${F2B_F_USER}"`);
  });
});
