import { afterEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { JsActionLoadError, createActionRunner, loadJsAction, loadJsActionSpec } from '../src/index.js';
import { collectLogs, makeBan } from './_helpers.js';

let tree: TempTree | undefined;
afterEach(() => tree?.remove());

const RECORDING_ACTION = `
export default class RecordingAction {
  constructor(context) { this.context = context; this.calls = []; globalThis.__lastAction = this; }
  start() { this.calls.push(['start', this.context.jail, this.context.name, this.context.options.url]); }
  stop() { this.calls.push(['stop']); }
  async ban(info) { this.calls.push(['ban', info.ip, info.fields.user, info.matches.join('|')]); }
  async unban(info) { this.calls.push(['unban', info.ip]); }
  flush() { this.calls.push(['flush']); }
}
`;

describe('loadJsAction', () => {
  it('constructs the exported class with jail, name and options, and calls it with ban info', async () => {
    tree = makeTempTree({ 'action.d/notify.mjs': RECORDING_ACTION });
    const action = await loadJsActionSpec(
      { name: 'notify', file: tree.path('action.d/notify.mjs'), options: { url: 'https://example.test/hook' }, conditional: {} },
      'sshd',
    );
    await action.start();
    await action.ban(makeBan({ fields: { user: 'root' }, matches: ['a', 'b'] }));
    await action.unban(makeBan());
    await action.flush!();
    await action.stop();
    expect(action.reload).toBeUndefined();
    expect((globalThis as unknown as { __lastAction: { calls: unknown[] } }).__lastAction.calls).toEqual([
      ['start', 'sshd', 'notify', 'https://example.test/hook'],
      ['ban', '192.0.2.7', 'root', 'a|b'],
      ['unban', '192.0.2.7'],
      ['flush'],
      ['stop'],
    ]);
  });

  it('accepts a named `Action` export and its norestored field', async () => {
    tree = makeTempTree({ 'a.mjs': 'export class Action { norestored = true; start() {} stop() {} ban() {} unban() {} }' });
    const action = await loadJsAction(tree.path('a.mjs'), { jailName: 'j' });
    expect(action.name).toBe('a');
    expect(action.norestored).toBe(true);
  });

  it('exposes the object\'s methods by name and calls them on the same instance, awaited', async () => {
    tree = makeTempTree({
      'm.mjs': `class Base { start() {} stop() {} inherited() { return 'base' } }
export default class M extends Base {
  bans = 0;
  helper = () => 'field';
  get sneaky() { throw new Error('getter ran') }
  ban() { this.bans++ } unban() {}
  async stats({ reset = false } = {}) { const bans = this.bans; if (reset) this.bans = 0; return { bans } }
}`,
    });
    const action = await loadJsAction(tree.path('m.mjs'), { jailName: 'j' });
    const methods = action.methods!;
    expect(methods.list()).toEqual(['ban', 'helper', 'inherited', 'start', 'stats', 'stop', 'unban']);
    expect(methods.has('sneaky')).toBe(false);
    expect(methods.has('constructor')).toBe(false);
    expect(methods.has('toString')).toBe(false);
    await action.ban(makeBan());
    await action.ban(makeBan());
    expect(await methods.call('stats', { reset: true })).toEqual({ bans: 2 });
    expect(await methods.call('stats', {})).toEqual({ bans: 0 });
    expect(await methods.call('inherited', {})).toBe('base');
    await expect(methods.call('hasOwnProperty', {})).rejects.toThrow('no method hasOwnProperty()');
  });

  it.each([
    ['no class', 'export const x = 1;', 'exports no action class (expected a default export or `Action`)'],
    ['missing unban', 'export default class { start() {} stop() {} ban() {} }', 'action class has no unban() method (required: start, stop, ban, unban)'],
    ['throwing constructor', 'export default class { constructor() { throw new Error("bad option") } }', 'constructor failed: bad option'],
  ])('refuses a module with %s', async (_case, source, reason) => {
    tree = makeTempTree({ 'bad.mjs': source });
    const error = await loadJsAction(tree.path('bad.mjs'), { jailName: 'j' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsActionLoadError);
    expect((error as Error).message).toBe(`${tree.path('bad.mjs')}: ${reason}`);
  });

  it('reports a module that does not import', async () => {
    tree = makeTempTree();
    const error = await loadJsAction(tree.path('missing.mjs'), { jailName: 'j' }).catch((e: unknown) => e);
    expect((error as JsActionLoadError).code).toBe('E_ACTION_JS_LOAD');
    expect((error as Error).message).toMatch(/missing\.mjs: cannot import: /);
  });

  it('keeps the jail running when a JavaScript action throws', async () => {
    tree = makeTempTree({ 'boom.mjs': 'export default class { start() {} stop() {} ban() { throw new Error("api down") } unban() {} }' });
    const logs = collectLogs();
    const runner = createActionRunner(await loadJsAction(tree.path('boom.mjs'), { jailName: 'j' }), { jailName: 'j', logger: logs.logger });
    const outcome = await runner.ban(makeBan());
    expect(outcome.ok).toBe(false);
    expect(logs.errors).toEqual(['[j] boom: ban 192.0.2.7 failed: api down']);
  });
});
