import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { makeTempTree } from '@f2b/test-utils';
import { ActionBrokenError, ActionCommandError, ActionTimeoutError, TagRecursionError, createCommandAction, createShellRunner } from '../src/index.js';
import { collectLogs, makeBan, makeSpec, recordCommands } from './_helpers.js';

const FAMILY_SPEC = makeSpec(
  {
    actionstart: 'fw create <set> <kind>',
    actionstop: 'fw destroy <set>',
    actionflush: 'fw flush <set>',
    actionban: 'fw add <set> <ip>',
    actionunban: 'fw del <set> <ip>',
    set: 'f2b-<name>',
    kind: 'v4',
  },
  { 'family=inet6': { set: 'f2b-<name>6', kind: 'v6' } },
);

describe('createCommandAction: operations and families', () => {
  it('starts an action without family variants at once, and stops it', async () => {
    const rec = recordCommands();
    const action = createCommandAction(makeSpec({ actionstart: 'start <name> <family>', actionstop: 'stop <name>', actionban: 'ban <ip>' }), { jailName: 'sshd', runner: rec.runner });
    await action.start();
    await action.ban(makeBan());
    await action.stop();
    expect(rec.scripts).toEqual(['start sshd ', 'ban 192.0.2.7', 'stop sshd']);
  });

  it('starts an action with [Init?family=inet6] on demand, per family, with that family\'s values', async () => {
    const rec = recordCommands();
    const action = createCommandAction(FAMILY_SPEC, { jailName: 'sshd', runner: rec.runner });
    await action.start();
    expect(rec.scripts).toEqual([]);
    await action.ban(makeBan({ ip: '2001:db8::1', family: 'inet6' }));
    await action.ban(makeBan({ ip: '2001:db8::2', family: 'inet6' }));
    await action.ban(makeBan());
    await action.flush!();
    await action.stop();
    expect(rec.scripts).toEqual([
      'fw create f2b-sshd6 v6',
      'fw add f2b-sshd6 2001:db8::1',
      'fw add f2b-sshd6 2001:db8::2',
      'fw create f2b-sshd v4',
      'fw add f2b-sshd 192.0.2.7',
      'fw flush f2b-sshd6',
      'fw flush f2b-sshd',
      'fw destroy f2b-sshd6',
      'fw destroy f2b-sshd',
    ]);
  });

  it('runs a start command shared by both families once', async () => {
    const rec = recordCommands();
    const spec = makeSpec({ actionstart: 'fw init', actionstart_on_demand: 'false', actionstop: 'fw done', actionban: 'fw add <set> <ip>', set: 's4' }, { 'family=inet6': { set: 's6' } });
    const action = createCommandAction(spec, { jailName: 'j', runner: rec.runner });
    await action.start();
    await action.stop();
    expect(rec.scripts).toEqual(['fw init', 'fw done']);
  });

  it('unbans only in a family that holds bans, and flushes only those', async () => {
    const rec = recordCommands();
    const action = createCommandAction(FAMILY_SPEC, { jailName: 'sshd', runner: rec.runner });
    await action.unban(makeBan());
    await action.flush!();
    expect(rec.scripts).toEqual([]);
    await action.ban(makeBan());
    await action.unban(makeBan());
    expect(rec.scripts).toEqual(['fw create f2b-sshd v4', 'fw add f2b-sshd 192.0.2.7', 'fw del f2b-sshd 192.0.2.7']);
  });

  it('offers prolong only with actionprolong, and rebans with actionreban when set', async () => {
    const rec = recordCommands();
    const plain = createCommandAction(makeSpec({ actionban: 'ban <ip>' }), { jailName: 'j', runner: rec.runner });
    expect(plain.prolong).toBeUndefined();
    expect(plain.flush).toBeUndefined();
    const full = createCommandAction(makeSpec({ actionban: 'ban <ip>', actionreban: 'reban <ip>', actionprolong: 'prolong <ip> <bantime>' }), { jailName: 'j', runner: rec.runner });
    await full.prolong!(makeBan({ bantime: 1200 }));
    await full.reban!(makeBan());
    await plain.reban!(makeBan());
    expect(rec.scripts).toEqual(['prolong 192.0.2.7 1200', 'reban 192.0.2.7', 'ban 192.0.2.7']);
  });

  it('reads norestored and the timeout option', () => {
    expect(createCommandAction(makeSpec({ norestored: 'true' }), { jailName: 'j' }).norestored).toBe(true);
    expect(createCommandAction(makeSpec({}), { jailName: 'j' }).norestored).toBe(false);
  });

  it('fills every ban tag', async () => {
    const rec = recordCommands();
    const template = '<ip>|<family>|<ip-rev>|<ip-host>|<fid>|<failures>|<time>|<bantime>|<bantime-left>|<bancount>|<restored>|<F-USER>|<F-PORT>|<F-MISSING>|<name>|<port>|<protocol>|<chain>|<known/chain>';
    const action = createCommandAction(makeSpec({ actionban: template, port: 'ssh', protocol: 'tcp', chain: '<known/chain>' }), {
      jailName: 'sshd', runner: rec.runner, known: { chain: 'INPUT' }, now: () => 1_700_000_100, resolveHost: async () => 'host.example',
    });
    await action.ban(makeBan({ fields: { user: 'root', fport: '22' }, restored: true }));
    expect(rec.scripts).toEqual(['192.0.2.7|inet4|7.2.0.192.|host.example|192.0.2.7|3|1700000000|600|500|1|1|root|22||sshd|ssh|tcp|INPUT|INPUT']);
  });

  it('joins matches with newlines for <matches>, <ipmatches> and <ipjailmatches>', async () => {
    const rec = recordCommands();
    const action = createCommandAction(makeSpec({ actionban: 'x <matches> <ipmatches> <ipjailmatches>' }), { jailName: 'j', runner: rec.runner });
    await action.ban(makeBan({ matches: ['a', 'b'], ipmatches: ['a', 'b', 'c'] }));
    expect(rec.commands[0]?.env).toEqual({ F2B_MATCHES: 'a\nb', F2B_IPMATCHES: 'a\nb\nc', F2B_IPJAILMATCHES: 'a\nb' });
  });

  it('rejects self-referencing tags with a message naming action and option', async () => {
    const action = createCommandAction(makeSpec({ actionban: 'x <a>', a: '<b>1', b: '<a>2' }), { jailName: 'j', runner: recordCommands().runner });
    const error = await action.ban(makeBan()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagRecursionError);
    expect((error as Error).message).toMatch(/^action 'test-action': option 'actionban': tag <[ab]> refers to itself \(directly or through other tags\)$/);
  });
});

describe('createCommandAction: errors, check and repair', () => {
  it('reports exit code and stderr of a failed command', async () => {
    const action = createCommandAction(makeSpec({ actionban: 'echo "no such chain" >&2; exit 3' }), { jailName: 'sshd', runner: createShellRunner() });
    const error = await action.ban(makeBan()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionCommandError);
    expect((error as Error).message).toBe("jail 'sshd': action 'test-action': actionban failed with exit code 3: no such chain");
  });

  it('after a failed ban runs actioncheck, actionrepair, then the ban once more', async () => {
    let bans = 0;
    let checks = 0;
    const rec = recordCommands((c) => (c.script.startsWith('ban') && bans++ === 0 ? { code: 1 } : c.script === 'check' && checks++ === 0 ? { code: 1 } : {}));
    const logs = collectLogs();
    const action = createCommandAction(makeSpec({ actionban: 'ban <ip>', actioncheck: 'check', actionrepair: 'repair' }), { jailName: 'j', runner: rec.runner, logger: logs.logger });
    await action.ban(makeBan());
    expect(rec.scripts).toEqual(['ban 192.0.2.7', 'check', 'repair', 'check', 'ban 192.0.2.7']);
    expect(logs.errors.some((m) => m.includes('trying to restore a sane environment'))).toBe(true);
  });

  it('without actionrepair restarts the action (stop + start) to repair it', async () => {
    let bans = 0;
    let checks = 0;
    const rec = recordCommands((c) => (c.script === 'ban 192.0.2.7' && bans++ === 0 ? { code: 1 } : c.script === 'check' && checks++ === 0 ? { code: 1 } : {}));
    const action = createCommandAction(makeSpec({ actionstart: 'start', actionstop: 'stop', actionban: 'ban <ip>', actioncheck: 'check' }), { jailName: 'j', runner: rec.runner });
    await action.start();
    await action.ban(makeBan());
    expect(rec.scripts).toEqual(['start', 'ban 192.0.2.7', 'check', 'stop', 'start', 'check', 'ban 192.0.2.7']);
  });

  it('gives up an unban without repairing unless actionrepair_on_unban is set', async () => {
    const failing = () => recordCommands((c) => (c.script.startsWith('unban') || c.script === 'check' ? { code: 1 } : {}));
    const rec = failing();
    const action = createCommandAction(makeSpec({ actionban: 'ban <ip>', actionunban: 'unban <ip>', actioncheck: 'check', actionrepair: 'repair' }), { jailName: 'j', runner: rec.runner });
    await action.ban(makeBan());
    await expect(action.unban(makeBan())).rejects.toBeInstanceOf(ActionBrokenError);
    expect(rec.scripts).toEqual(['ban 192.0.2.7', 'unban 192.0.2.7', 'check']);
    const rec2 = failing();
    const repairing = createCommandAction(makeSpec({ actionban: 'ban <ip>', actionunban: 'unban <ip>', actioncheck: 'check', actionrepair: 'repair', actionrepair_on_unban: 'true' }), { jailName: 'j', runner: rec2.runner });
    await repairing.ban(makeBan());
    await expect(repairing.unban(makeBan())).rejects.toBeInstanceOf(ActionBrokenError);
    expect(rec2.scripts).toEqual(['ban 192.0.2.7', 'unban 192.0.2.7', 'check', 'repair', 'check']);
  });

  it('kills the whole process group of a command that runs past its timeout', async () => {
    const tree = makeTempTree();
    try {
      const pidFile = tree.path('child.pid');
      const action = createCommandAction(makeSpec({ actionban: `sleep 30 & echo $! > ${pidFile}; wait` }), { jailName: 'j', runner: createShellRunner(), timeoutMs: 300 });
      const error = await action.ban(makeBan()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ActionTimeoutError);
      expect((error as Error).message).toBe("jail 'j': action 'test-action': actionban timed out after 300 ms (process group killed)");
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Gone, or a zombie waiting for a reaper (a container's PID 1 may never reap it).
      const state = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0] : 'gone';
      expect(['gone', 'Z', 'X']).toContain(state);
    } finally {
      tree.remove();
    }
  });

  it('takes its default timeout from the action\'s timeout option (seconds)', async () => {
    let seen = 0;
    const action = createCommandAction(makeSpec({ actionban: 'x', timeout: '7' }), {
      jailName: 'j',
      runner: async (_c, timeout) => ((seen = timeout), { code: 0, signal: null, stdout: '', stderr: '', timedOut: false }),
    });
    await action.ban(makeBan());
    expect(seen).toBe(7000);
  });
});
