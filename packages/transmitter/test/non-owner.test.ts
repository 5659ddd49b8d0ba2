import { execFile } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { createCommandServer, sendCommand, type CommandServer } from '@f2b/transmitter';

const RUNUSER = '/usr/sbin/runuser';
const isRoot = process.getuid?.() === 0;
const canSwitchUser = isRoot && existsSync(RUNUSER);
if (!canSwitchUser) console.log('non-owner socket tests skipped: they need root and runuser to connect as user nobody');

/** Connects as user `nobody` and prints the reply line, or the connect error code. */
const CLIENT = `
const socket = require('node:net').connect(process.argv[1]);
socket.on('connect', () => socket.write('["ping"]\\n'));
socket.on('data', (data) => { process.stdout.write(String(data)); socket.destroy(); });
socket.on('error', (error) => { process.stdout.write(String(error.code)); });
`;

/** Runs the client asynchronously: the server under test lives in this process and must keep answering. */
function pingAsNobody(socketPath: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(RUNUSER, ['-u', 'nobody', '--', process.execPath, '-e', CLIENT, socketPath], { encoding: 'utf8', timeout: 10_000 }, (_error, stdout, stderr) =>
      resolve(`${stdout}${stderr}`.trim()),
    );
  });
}

let tree: TempTree | undefined;
let server: CommandServer | undefined;

afterEach(async () => {
  await server?.close();
  tree?.remove();
});

describe.runIf(canSwitchUser)('a non-owner connection', () => {
  async function start(mode?: number): Promise<string> {
    tree = makeTempTree();
    // Open the directory to everyone, so only the socket's own mode stands between nobody and the server.
    chmodSync(tree.dir, 0o755);
    const socketPath = tree.path('f2b.sock');
    server = await createCommandServer({ socketPath, handle: () => 'pong', ...(mode === undefined ? {} : { mode }) });
    return socketPath;
  }

  it('is refused with EACCES by the default mode 0600, while the owner is served', async () => {
    const socketPath = await start();
    expect(await pingAsNobody(socketPath)).toBe('EACCES');
    expect(await sendCommand(socketPath, ['ping'])).toEqual({ ok: true, result: 'pong' });
  });

  it('is served when the socket mode lets others in (so the refusal above is the mode at work)', async () => {
    const socketPath = await start(0o666);
    expect(await pingAsNobody(socketPath)).toBe('{"ok":true,"result":"pong"}');
  });
});
