/** @module action-methods.test: `set JAIL action ACT METHOD [JSON]` calls a JavaScript action's method on a running server. */
import { afterEach, describe, expect, it } from 'vitest';
import { killAllServers, makeServerTree, startServer, waitFor, expectErrorReply, type ServerTree } from './_harness.js';

let tree: ServerTree | null = null;
afterEach(async () => {
  await killAllServers();
  tree?.remove();
  tree = null;
});

/** Counts bans on its own object; the methods beyond start/stop/ban/unban are what `set … action` calls. */
const COUNTER = `
export default class Counter {
  constructor(context) { this.jail = context.jail; this.bans = 0; this.limit = context.options.limit ?? 'none'; }
  start() {}
  stop() {}
  ban() { this.bans++; }
  unban() {}
  async stats({ reset = false } = {}) {
    await new Promise((r) => setTimeout(r, 10));
    const result = { jail: this.jail, bans: this.bans, limit: this.limit };
    if (reset) this.bans = 0;
    return result;
  }
  nothing() {}
  fail({ why }) { throw new Error('refused: ' + why + '\\nsecond line'); }
  huge() { return 10n; }
}
`;


describe('set JAIL action ACT METHOD JSON', () => {
  it('calls a JavaScript action method with the JSON object and replies its result; errors are one line and the server keeps running', async () => {
    const t = (tree = makeServerTree({ action: 'record\n         counter.mjs[limit=5]', files: { 'conf/action.d/counter.mjs': COUNTER } }));
    const server = await startServer(t);
    expect(await server.ask(['get', 't', 'actions'])).toEqual(['record', 'counter.mjs']);
    expect(await server.ask(['get', 't', 'actionmethods', 'counter.mjs'])).toEqual(['ban', 'fail', 'huge', 'nothing', 'start', 'stats', 'stop', 'unban']);

    t.fail('192.0.2.7', 2);
    await waitFor(() => t.actions().includes('ban 192.0.2.7'), 10_000, 'the first ban');
    expect(await server.ask(['set', 't', 'banip', '192.0.2.8'])).toBe(1);
    // The same object the bans went through: its state is what the method reports.
    expect(await server.ask(['set', 't', 'action', 'counter.mjs', 'stats', '{"reset": true}'])).toEqual({ jail: 't', bans: 2, limit: '5' });
    // No JSON: called with {} (Fail2Ban: no keyword arguments).
    expect(await server.ask(['set', 't', 'action', 'counter.mjs', 'stats'])).toEqual({ jail: 't', bans: 0, limit: '5' });
    expect(await server.ask(['set', 't', 'action', 'counter.mjs', 'nothing', '{}'])).toBeNull();

    await expectErrorReply(server, ['set', 't', 'action', 'counter.mjs', 'stats', '{reset'], 'E_VALUE',
      `set t action counter.mjs stats: arguments '{reset' are not valid JSON (expected an object, e.g. {"reset": true})`);
    await expectErrorReply(server, ['set', 't', 'action', 'counter.mjs', 'stats', '[1]'], 'E_VALUE', `set t action counter.mjs stats: arguments must be a JSON object (got '[1]')`);
    await expectErrorReply(server, ['set', 't', 'action', 'counter.mjs', 'fail', '{"why": "no"}'], 'E_ACTION_METHOD', 'set t action counter.mjs fail: fail() failed: refused: no');
    await expectErrorReply(server, ['set', 't', 'action', 'counter.mjs', 'huge', '{}'], 'E_ACTION_METHOD',
      'set t action counter.mjs huge: huge() returned a value that is not JSON (Do not know how to serialize a BigInt)');
    await expectErrorReply(server, ['set', 't', 'action', 'nope', 'stats', '{}'], 'E_UNKNOWN_ACTION', `jail 't' has no action 'nope'`);

    // The jail still bans through the same object after the errors.
    t.fail('192.0.2.9', 2);
    await waitFor(() => t.actions().includes('ban 192.0.2.9'), 10_000, 'a ban after the errors');
    expect(await server.ask(['set', 't', 'action', 'counter.mjs', 'stats', '{}'])).toMatchObject({ bans: 1 });

    // Not a method: a property, as before (the action is built again with the new option).
    expect(await server.ask(['set', 't', 'action', 'counter.mjs', 'limit', '9'])).toBe('9');
    expect(await server.ask(['get', 't', 'action', 'counter.mjs', 'limit'])).toBe('9');
    expect(await server.ask(['set', 't', 'action', 'counter.mjs', 'stats', '{}'])).toMatchObject({ limit: '9' });
    // A command (.conf) action has no methods: the word is a property there.
    expect(await server.ask(['set', 't', 'action', 'record', 'stats', 'x'])).toBe('x');
    expect(await server.ask(['get', 't', 'action', 'record', 'stats'])).toBe('x');
    expect(server.child.exitCode).toBeNull();
  });
});
