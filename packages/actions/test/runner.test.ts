import { describe, expect, it } from 'vitest';
import { createActionRunner, createCommandAction, createShellRunner, type Action, type BanInfo } from '../src/index.js';
import { collectLogs, makeBan, makeSpec, recordCommands } from './_helpers.js';

const BATCH_OPTIONS = {
  actionstart: 'start <set>',
  actionban: 'add <set> <ip>',
  actionunban: 'del <set> <ip>',
  actionban_batch: 'add-many <set> <batch-count> <batch>',
  actionunban_batch: 'del-many <set> <batch>',
  batch_item: '<ip> timeout <bantime-left>s',
  batch_item_permanent: '<ip>',
  batch_max: '2',
  set: 'v4',
};

function ips(count: number, family: 'inet4' | 'inet6' = 'inet4'): BanInfo[] {
  return Array.from({ length: count }, (_, i) => makeBan({ ip: family === 'inet4' ? `192.0.2.${i + 1}` : `2001:db8::${i + 1}`, family, time: 1000, bantime: 600 }));
}

describe('createActionRunner', () => {
  it('logs a failed command with exit code and stderr and does not throw', async () => {
    const logs = collectLogs();
    const action = createCommandAction(makeSpec({ actionban: 'echo "iptables: No chain/target/match by that name." >&2; exit 1' }), { jailName: 'sshd', runner: createShellRunner() });
    const runner = createActionRunner(action, { jailName: 'sshd', logger: logs.logger });
    const outcome = await runner.ban(makeBan());
    expect(outcome.ok).toBe(false);
    expect(logs.errors).toEqual([
      "[sshd] test-action: ban 192.0.2.7 failed: jail 'sshd': action 'test-action': actionban failed with exit code 1: iptables: No chain/target/match by that name.",
    ]);
    expect((await runner.unban(makeBan())).ok).toBe(true);
  });

  it('runs calls one at a time, in the order given', async () => {
    const order: string[] = [];
    const slow = (label: string, ms: number) => async () => {
      order.push(`${label}:begin`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(`${label}:end`);
    };
    const action: Action = { name: 'slow', norestored: false, start: slow('start', 30), stop: slow('stop', 1), ban: slow('ban', 1), unban: slow('unban', 1) };
    const runner = createActionRunner(action, { jailName: 'j' });
    await Promise.all([runner.start(), runner.ban(makeBan()), runner.unban(makeBan()), runner.stop()]);
    expect(order).toEqual(['start:begin', 'start:end', 'ban:begin', 'ban:end', 'unban:begin', 'unban:end', 'stop:begin', 'stop:end']);
  });

  it('skips restored bans for norestored actions', async () => {
    const rec = recordCommands();
    const runner = createActionRunner(createCommandAction(makeSpec({ actionban: 'ban <ip>', norestored: '1' }), { jailName: 'j', runner: rec.runner }), { jailName: 'j' });
    await runner.ban(makeBan({ restored: true }));
    const outcome = await runner.banMany([makeBan({ restored: true }), makeBan({ ip: '192.0.2.8' })]);
    expect(outcome).toEqual({ applied: 2, failed: [] });
    expect(rec.scripts).toEqual(['ban 192.0.2.8']);
  });

  it('flushes by unbanning each ban when the action has no actionflush', async () => {
    const rec = recordCommands();
    const runner = createActionRunner(createCommandAction(makeSpec({ actionban: 'ban <ip>', actionunban: 'unban <ip>' }), { jailName: 'j', runner: rec.runner }), { jailName: 'j' });
    await runner.ban(makeBan());
    await runner.flush([makeBan()]);
    expect(rec.scripts).toEqual(['ban 192.0.2.7', 'unban 192.0.2.7']);
  });
});

describe('batched bans', () => {
  it('applies bans in chunks of batch_max per family, items passed through the environment', async () => {
    const rec = recordCommands();
    const spec = makeSpec(BATCH_OPTIONS, { 'family=inet6': { set: 'v6' } });
    const action = createCommandAction(spec, { jailName: 'j', runner: rec.runner, now: () => 1100 });
    const runner = createActionRunner(action, { jailName: 'j' });
    const infos = [...ips(3), ...ips(1, 'inet6'), { ...makeBan({ ip: '198.51.100.1' }), bantime: -1 }];
    expect(await runner.banMany(infos)).toEqual({ applied: 5, failed: [] });
    expect(rec.commands.map((c) => [c.script, c.env])).toEqual([
      ['start v4', {}],
      ['add-many v4 2 "${F2B_BATCH}"', { F2B_BATCH: '192.0.2.1 timeout 500s, 192.0.2.2 timeout 500s' }],
      ['add-many v4 2 "${F2B_BATCH}"', { F2B_BATCH: '192.0.2.3 timeout 500s, 198.51.100.1' }],
      ['start v6', {}],
      ['add-many v6 1 "${F2B_BATCH}"', { F2B_BATCH: '2001:db8::1 timeout 500s' }],
    ]);
  });

  it('falls back to one command per ban when a batch fails, and reports the bans that still fail', async () => {
    const rec = recordCommands((c) => (c.script.startsWith('add-many') || c.script === 'add v4 192.0.2.2' ? { code: 1, stderr: 'nope' } : {}));
    const logs = collectLogs();
    const action = createCommandAction(makeSpec({ ...BATCH_OPTIONS, actionstart: '' }), { jailName: 'j', runner: rec.runner, logger: logs.logger });
    const outcome = await createActionRunner(action, { jailName: 'j', logger: logs.logger }).banMany(ips(3));
    expect(outcome.applied).toBe(2);
    expect(outcome.failed.map((i) => i.ip)).toEqual(['192.0.2.2']);
    expect(rec.scripts.filter((s) => !s.startsWith('add-many'))).toEqual(['add v4 192.0.2.1', 'add v4 192.0.2.2', 'add v4 192.0.2.3']);
    expect(logs.warnings[0]).toBe("jail 'j': action 'test-action': actionban_batch failed with exit code 1: nope; applying 2 one by one");
  });

  it('unbans in batches with actionunban_batch', async () => {
    const rec = recordCommands();
    const action = createCommandAction(makeSpec({ ...BATCH_OPTIONS, actionstart: '' }), { jailName: 'j', runner: rec.runner });
    const runner = createActionRunner(action, { jailName: 'j' });
    await runner.banMany(ips(2));
    await runner.unbanMany(ips(2));
    expect(rec.commands.at(-1)?.env).toEqual({ F2B_BATCH: '192.0.2.1, 192.0.2.2' });
  });

  it('bans one by one when the action cannot batch', async () => {
    const rec = recordCommands();
    const runner = createActionRunner(createCommandAction(makeSpec({ actionban: 'ban <ip>' }), { jailName: 'j', runner: rec.runner }), { jailName: 'j' });
    expect(runner.action.batchBan).toBeUndefined();
    await runner.banMany(ips(2));
    expect(rec.scripts).toEqual(['ban 192.0.2.1', 'ban 192.0.2.2']);
  });
});
