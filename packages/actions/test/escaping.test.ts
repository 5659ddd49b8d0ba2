import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { createCommandAction, createShellRunner, type CommandResult } from '../src/index.js';
import { makeBan, makeSpec } from './_helpers.js';

let tree: TempTree | undefined;
afterEach(() => tree?.remove());

function hostileValues(marker: string): string[] {
  return [
    `$(touch ${marker})`,
    `\`touch ${marker}\``,
    `a;touch ${marker}`,
    `a\ntouch ${marker}`,
    `a && touch ${marker}`,
    `a | touch ${marker}`,
    `'; touch ${marker}; '`,
    `"; touch ${marker}; "`,
    `\\"; touch ${marker} #`,
    `$HOME \${PATH} * ~ ?`,
    '<ip> <F-USER> <matches>',
    '  leading and trailing  ',
    '',
  ];
}

/** Runs `template` as actionban with `value` as user name and matched line; returns what it printed. */
async function printThrough(template: string, value: string): Promise<string> {
  let result: CommandResult | undefined;
  const shell = createShellRunner();
  const action = createCommandAction(makeSpec({ actionban: template }), {
    jailName: 'sshd',
    runner: async (command, timeout) => (result = await shell(command, timeout)),
  });
  await action.ban(makeBan({ fields: { user: value }, matches: [value] }));
  return result?.stdout ?? '';
}

describe('log-derived values in commands', () => {
  const contexts: Array<[string, string, (v: string) => string]> = [
    ['unquoted', `printf '[%s]' <F-USER>`, (v) => `[${v}]`],
    ['double quotes', `printf '%s' "user=<F-USER>!"`, (v) => `user=${v}!`],
    ['single quotes', `printf '%s' 'user=<F-USER>!'`, (v) => `user=${v}!`],
    ['matches, unquoted', `printf '[%s]' <matches>`, (v) => `[${v}]`],
    ['next to other words', `printf '%s' x<F-USER>y`, (v) => `x${v}y`],
  ];

  it.each(contexts)('reach the command verbatim and never run (%s)', async (_name, template, expected) => {
    tree = makeTempTree();
    const marker = tree.path('pwned');
    for (const value of hostileValues(marker)) {
      expect(await printThrough(template, value)).toBe(expected(value));
      expect(existsSync(marker)).toBe(false);
    }
  });

  it('stay inert when the action puts them in an eval-free pipeline', async () => {
    tree = makeTempTree();
    const marker = tree.path('pwned');
    const out = await printThrough(`echo <F-USER> | tr a-z A-Z`, `a;touch ${marker}`);
    expect(out).toBe(`A;TOUCH ${marker.toUpperCase()}\n`);
    expect(existsSync(marker)).toBe(false);
  });

  it('go through the environment, not the script text', async () => {
    const seen: string[] = [];
    const action = createCommandAction(makeSpec({ actionban: `logger -- <F-USER> <ip>` }), {
      jailName: 'sshd',
      runner: async (command) => {
        seen.push(command.script, JSON.stringify(command.env));
        return { code: 0, signal: null, stdout: '', stderr: '', timedOut: false };
      },
    });
    await action.ban(makeBan({ fields: { user: '$(reboot)' } }));
    expect(seen).toEqual(['logger -- "${F2B_F_USER}" 192.0.2.7', JSON.stringify({ F2B_F_USER: '$(reboot)' })]);
  });
});
