/** @module debian-spec: resolved action specs computed by Debian's Fail2Ban itself (its config reader), for tests. */
import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FAIL2BAN_CONFIG_DIR, PYTHON, makeTempTree } from '@f2b/test-utils';
import type { ActionSpecInput } from '../src/index.js';

// Reads the config with Fail2Ban's Configurator and prints its 'multi-set … action' options as JSON.
const DUMP = `
import json, sys
from fail2ban.client.configurator import Configurator
c = Configurator()
c.setBaseDir(sys.argv[1])
c.readAll()
c.getOptions()
c.convertToProtocol()
out = {}
for cmd in c.getConfigStream():
    if cmd[0] == 'multi-set' and cmd[2] == 'action':
        out.setdefault(cmd[1], {})[cmd[3]] = dict((k, v if isinstance(v, str) else str(v)) for k, v in cmd[4])
    elif cmd[0] == 'set' and len(cmd) == 6 and cmd[2] == 'action':
        out.setdefault(cmd[1], {}).setdefault(cmd[3], {})[cmd[4]] = str(cmd[5])
print(json.dumps(out))
`;

/**
 * Returns the specs Fail2Ban computes for `jail = action[k=v]` lines (one jail per entry),
 * with the `x?family=inet6` options moved to `conditional`; `extraActionFiles` are added to action.d.
 */
export function readDebianActionSpecs(
  jails: Record<string, string>,
  extraActionFiles: readonly string[] = [],
): Record<string, Record<string, ActionSpecInput>> {
  const tree = makeTempTree({ 'empty.log': '' }, 'f2b-actions-cfg-');
  try {
    const conf = join(tree.dir, 'conf');
    cpSync(FAIL2BAN_CONFIG_DIR, conf, { recursive: true });
    for (const file of extraActionFiles) cpSync(file, join(conf, 'action.d', basename(file)));
    const sections = Object.entries(jails).map(
      ([jail, action]) => `[${jail}]\nenabled = true\nfilter = sshd\nbackend = polling\nlogpath = ${tree.path('empty.log')}\naction = ${action}\n`,
    );
    writeFileSync(join(conf, 'jail.local'), sections.join('\n'));
    writeFileSync(join(conf, 'jail.d', 'defaults-debian.conf'), '');
    const json = execFileSync(PYTHON, ['-c', DUMP, conf], { encoding: 'utf8' });
    const raw = JSON.parse(json) as Record<string, Record<string, Record<string, string>>>;
    const result: Record<string, Record<string, ActionSpecInput>> = {};
    for (const [jail, actions] of Object.entries(raw)) {
      result[jail] = {};
      for (const [name, all] of Object.entries(actions)) {
        const options: Record<string, string> = {};
        const conditional: Record<string, Record<string, string>> = {};
        for (const [key, value] of Object.entries(all)) {
          const m = /^(.+)\?(family=\w+)$/.exec(key);
          if (m) (conditional[m[2] as string] ??= {})[m[1] as string] = value;
          else options[key] = value;
        }
        result[jail][name] = { name, file: join(conf, 'action.d', `${name}.conf`), options, conditional };
      }
    }
    return result;
  } finally {
    tree.remove();
  }
}
