import { afterEach, describe, expect, it } from 'vitest';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '@f2b/config-reader';
import { FAIL2BAN_CONFIG_DIR, fail2banAvailable, makeTempTree, type TempTree } from '@f2b/test-utils';
import { createCommandAction } from '../src/index.js';
import { makeBan, recordCommands } from './_helpers.js';

const OWN_SET_ACTION = join(import.meta.dirname, '..', '..', 'config', 'action.d', 'nftables-set.conf');
let tree: TempTree | undefined;
afterEach(() => tree?.remove());

describe.skipIf(!fail2banAvailable())('specs from @f2b/config-reader', () => {
  it('run nftables-set with batching exactly as its file says', async () => {
    tree = makeTempTree({ 'empty.log': '' });
    cpSync(FAIL2BAN_CONFIG_DIR, tree.path('conf'), { recursive: true });
    cpSync(OWN_SET_ACTION, tree.path('conf/action.d/nftables-set.conf'));
    tree.write('conf/jail.d/defaults-debian.conf', '');
    tree.write('conf/jail.local', `[sshd]\nenabled = true\nbackend = polling\nlogpath = ${tree.path('empty.log')}\nbanaction = nftables-set\n`);
    const config = readConfig(tree.path('conf'));
    const spec = config.jails.find((j) => j.name === 'sshd')?.actions[0];
    expect(spec?.name).toBe('nftables-set');
    const rec = recordCommands();
    const action = createCommandAction(spec!, { jailName: 'sshd', runner: rec.runner, now: () => 1_700_000_100 });
    await action.batchBan!([makeBan(), makeBan({ ip: '2001:db8::7', family: 'inet6', bantime: -1 })]);
    expect(rec.commands.filter((c) => c.script.includes('nft -f -'))).toEqual([
      { script: `printf 'add element inet f2b-sets f2b-sshd-v4 { %s }\\n' "\${F2B_BATCH}" | nft -f -`, env: { F2B_BATCH: '192.0.2.7 timeout 500s' } },
      { script: `printf 'add element inet f2b-sets f2b-sshd-v6 { %s }\\n' "2001:db8::7" | nft -f -`, env: {} },
    ]);
    expect(rec.scripts[0]).toContain("th dport \\{ $(echo 'ssh' | sed 's/:/-/g') \\}");
  });
});
