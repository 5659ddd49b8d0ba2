/** @module nftables.test: as root, a real f2b-server bans into a real nftables set inside a throwaway network namespace. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllServers, makeServerTree, startServer, waitFor, type ServerTree } from './_harness.js';

/** Why this host cannot run the test, or null. CI runs as root with nft and ip installed. */
function unavailableReason(): string | null {
  if (process.getuid?.() !== 0) return 'not root (network namespaces and nftables need root)';
  for (const tool of ['ip', 'nft']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `'${tool}' is not installed`;
  }
  return null;
}

const reason = unavailableReason();
if (reason) console.warn(`nftables.test skipped: ${reason}`);

const NS = `f2bt-${process.pid}`;
const bundledAction = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages', 'config', 'action.d', 'nftables-set.conf');

function nftRuleset(): string {
  return execFileSync('ip', ['netns', 'exec', NS, 'nft', 'list', 'ruleset'], { encoding: 'utf8' });
}

describe.skipIf(reason !== null)('f2b-server with the bundled nftables-set action', () => {
  let tree: ServerTree;
  beforeAll(() => {
    execFileSync('ip', ['netns', 'add', NS]);
    // The bundled action as shipped; only the nft command is wrapped, so every rule lands in the namespace.
    tree = makeServerTree({
      action: `nftables-set[nftables="ip netns exec ${NS} nft", port="22", protocol="tcp"]`,
      files: { 'conf/action.d/nftables-set.conf': readFileSync(bundledAction, 'utf8') },
    });
  });
  afterAll(async () => {
    await killAllServers();
    spawnSync('ip', ['netns', 'delete', NS]);
    tree?.remove();
  });

  it('puts a banned address into the set, takes it out on unbanip, restores it after a crash, and removes its table on stop', async () => {
    const server = await startServer(tree);
    // Like Fail2Ban, an action with per-family sets starts on demand: nothing exists before the first ban.
    expect(nftRuleset()).not.toContain('f2b-sets');

    tree.fail('192.0.2.77', 2);
    await waitFor(() => nftRuleset().includes('192.0.2.77'), 10_000, '192.0.2.77 in the nftables set');
    const set = execFileSync('ip', ['netns', 'exec', NS, 'nft', 'list', 'set', 'inet', 'f2b-sets', 'f2b-t-v4'], { encoding: 'utf8' });
    expect(set).toMatch(/192\.0\.2\.77 timeout/);

    expect(await server.ask(['set', 't', 'unbanip', '192.0.2.77'])).toBe(1);
    await waitFor(() => !nftRuleset().includes('192.0.2.77'), 10_000, '192.0.2.77 to leave the set');
    expect(nftRuleset()).toContain('set f2b-t-v4');

    // A crash and a reboot (the kernel's ruleset is gone): the restarted server re-applies the ban from its database.
    tree.fail('192.0.2.78', 2);
    await waitFor(() => nftRuleset().includes('192.0.2.78'), 10_000, '192.0.2.78 in the nftables set');
    server.child.kill('SIGKILL');
    await server.exited;
    execFileSync('ip', ['netns', 'exec', NS, 'nft', 'flush', 'ruleset']);
    const restarted = await startServer(tree);
    await waitFor(() => nftRuleset().includes('192.0.2.78'), 10_000, 'the restored ban in the nftables set');
    expect(nftRuleset()).not.toContain('192.0.2.77');

    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
    expect(nftRuleset()).not.toContain('f2b-sets');
  });
});
