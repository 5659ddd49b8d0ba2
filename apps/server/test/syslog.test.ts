/** @module syslog.test: `logtarget = SYSLOG` for real — the server's lines reach a Unix datagram socket through util-linux `logger`. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllServers, makeServerTree, startServer, waitFor, type ServerTree } from './_harness.js';

const PYTHON = '/usr/bin/python3';
// bsdutils (Essential in Debian) provides logger; a machine without it cannot run this test.
const loggerMissing = spawnSync('sh', ['-c', 'command -v logger'], { encoding: 'utf8' }).status !== 0;
if (loggerMissing) console.warn('syslog.test: skipped — the `logger` command (util-linux bsdutils) is not installed');

/** A stand-in syslog daemon: prints each datagram it receives on one line (newlines escaped). */
const LISTENER = `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("ready", flush=True)
while True:
    data = s.recv(65536)
    sys.stdout.write(data.decode("utf-8", "replace").replace("\\n", "\\\\n") + "\\n")
    sys.stdout.flush()
`;

interface Listener {
  readonly child: ChildProcess;
  /** Datagrams received so far. */
  datagrams(): string[];
}

let tree: ServerTree | null = null;
let listener: ChildProcess | null = null;
afterEach(async () => {
  await killAllServers();
  listener?.kill('SIGKILL');
  listener = null;
  tree?.remove();
  tree = null;
});

async function listen(path: string): Promise<Listener> {
  const child = (listener = spawn(PYTHON, ['-c', LISTENER, path], { stdio: ['ignore', 'pipe', 'inherit'] }));
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await waitFor(() => text.startsWith('ready\n'), 5000, 'the datagram listener');
  return { child, datagrams: () => text.split('\n').slice(1).filter(Boolean) };
}

/** Syslog's local format as logger writes it: `<PRI>Mmm dd hh:mm:ss f2b-server[PID]: LINE`. */
function parseDatagram(datagram: string): { pri: number; pid: number; line: Record<string, unknown> } | null {
  const m = /^<(\d+)>\w{3} [ \d]\d \d\d:\d\d:\d\d f2b-server\[(\d+)\]: (\{.*\})$/.exec(datagram);
  return m ? { pri: Number(m[1]), pid: Number(m[2]), line: JSON.parse(m[3]!) as Record<string, unknown> } : null;
}

function findMessage(l: Listener, text: string) {
  return l.datagrams().map(parseDatagram).find((d) => typeof d?.line.msg === 'string' && d.line.msg.includes(text)) ?? null;
}

describe.skipIf(loggerMissing)('logtarget SYSLOG', () => {
  it('sends every line, ban included, as one datagram tagged f2b-server from fail2ban.conf, and the last lines on stop', async () => {
    const t = (tree = makeServerTree());
    const socket = t.tree.path('syslog.sock');
    const l = await listen(socket);
    t.tree.write('conf/fail2ban.local', `[Definition]\nlogtarget = SYSLOG\nsyslogsocket = ${socket}\n`);
    const server = await startServer(t, [], { logtarget: null });
    expect(await server.ask(['get', 'logtarget'])).toBe('SYSLOG');
    expect(await server.ask(['get', 'syslogsocket'])).toBe(socket);
    t.fail('192.0.2.7', 2);
    await waitFor(() => findMessage(l, 'Ban 192.0.2.7') !== null, 10_000, 'the ban line as a syslog datagram');
    const ban = findMessage(l, 'Ban 192.0.2.7')!;
    expect(ban.pid).toBe(server.child.pid);
    // daemon facility (3); NOTICE → severity 5, as Fail2Ban logs a ban.
    expect(ban.pri).toBe(3 * 8 + 5);
    expect(l.datagrams().every((d) => parseDatagram(d) !== null)).toBe(true);
    expect(server.stderr()).toBe('');

    // Graceful stop: the lines written just before exit still arrive (logger drains the pipe after EOF).
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await waitFor(() => findMessage(l, 'Exiting f2b') !== null, 5000, 'the last line after the server exited');
  });

  it('switches to SYSLOG at run time with `set logtarget SYSLOG`, then away from it', async () => {
    const t = (tree = makeServerTree());
    const socket = t.tree.path('syslog.sock');
    const l = await listen(socket);
    t.tree.write('conf/fail2ban.local', `[Definition]\nsyslogsocket = ${socket}\n`);
    const server = await startServer(t);
    expect(await server.ask(['set', 'logtarget', 'SYSLOG'])).toBe('SYSLOG');
    expect(await server.ask(['get', 'logtarget'])).toBe('SYSLOG');
    await waitFor(() => findMessage(l, 'Logging to SYSLOG') !== null, 5000, 'the switch line in syslog');
    t.fail('192.0.2.8', 2);
    await waitFor(() => findMessage(l, 'Ban 192.0.2.8') !== null, 10_000, 'the ban line as a syslog datagram');
    // INFO → severity 6 on the daemon facility.
    expect(findMessage(l, 'Logging to SYSLOG')!.pri).toBe(3 * 8 + 6);

    const next = t.tree.path('after.log');
    expect(await server.ask(['set', 'logtarget', next])).toBe(next);
    await waitFor(() => findMessage(l, `Changing logtarget to ${next}`) !== null, 5000, 'the last syslog line before the switch');
    t.fail('192.0.2.9', 2);
    await waitFor(() => t.actions().includes('ban 192.0.2.9'), 10_000, 'the third ban');
    await new Promise((r) => setTimeout(r, 200));
    expect(findMessage(l, 'Ban 192.0.2.9')).toBeNull();
    expect(server.child.exitCode).toBeNull();
  });
});
