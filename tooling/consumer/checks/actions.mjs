// @f2b/actions: a command action bans and unbans; a hostile user name from a log is passed as text, never run.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActionRunner, createCommandAction, createShellRunner } from '@f2b/actions';

const dir = mkdtempSync(join(tmpdir(), 'f2b-consumer-actions-'));
try {
  const canary = join(dir, 'pwned');
  const spec = {
    name: 'note', file: 'action.d/note.conf', conditional: {},
    options: { actionban: `printf 'ban %s %s\\n' <ip> <F-USER>`, actionunban: `printf 'unban %s\\n' <ip>` },
  };
  const shell = createShellRunner();
  const out = [];
  const action = createCommandAction(spec, {
    jailName: 'sshd',
    runner: async (command, timeoutMs) => {
      const result = await shell(command, timeoutMs);
      out.push(result.stdout.trim());
      return result;
    },
  });
  const runner = createActionRunner(action, { jailName: 'sshd', logger: { info() {}, warn() {}, error() {}, debug() {} } });
  const ban = { ip: '192.0.2.7', family: 'inet4', failures: 5, matches: [], time: 1_700_000_000, bantime: 600, bancount: 0, restored: false, fields: { user: `$(touch ${canary})` } };
  await runner.start();
  assert.deepEqual(await runner.ban(ban), { ok: true });
  await runner.unban(ban);
  assert.deepEqual(out, [`ban 192.0.2.7 $(touch ${canary})`, 'unban 192.0.2.7']);
  assert.equal(existsSync(canary), false);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
