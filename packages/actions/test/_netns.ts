/** @module netns: two network namespaces joined by a veth pair, a TCP listener in one, connections from the other (root only). */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

/** Why real-firewall tests cannot run here, or null when they can. */
export function netnsUnavailableReason(): string | null {
  if (process.getuid?.() !== 0) return 'real-firewall tests need root (CI runs them as root)';
  for (const tool of ['ip', 'nft', 'iptables', 'ip6tables', 'ipset']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `real-firewall tests need ${tool}`;
    }
  }
  return null;
}

/** A pair of namespaces: `server` holds the firewall and the listener, `client` connects. */
export interface NetnsPair {
  readonly server: string;
  readonly client: string;
  readonly serverV4: string;
  readonly clientV4: string;
  readonly serverV6: string;
  readonly clientV6: string;
  readonly port: number;
  /** True when a TCP connection from the client to the server's address succeeds within 2 s. */
  canConnect(family: 'inet4' | 'inet6'): boolean;
  /** True when a connection fails (refused, or no answer within 0.5 s: ICMP errors are rate-limited). */
  isBlocked(family: 'inet4' | 'inet6'): boolean;
  /** Runs a command in the server namespace and returns its stdout. */
  inServer(script: string): string;
  remove(): void;
}

function run(...args: string[]): void {
  execFileSync(args[0] as string, args.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Creates the namespaces (`f2bt-a-PID-TAG`), addresses 10.200.N.0/24 and fd00:f2b:N::/64, and a listener. */
export async function createNetnsPair(tag: string, subnet: number): Promise<NetnsPair> {
  const server = `f2bt-a-${process.pid}-${tag}`;
  const client = `f2bt-b-${process.pid}-${tag}`;
  const vethA = `f2ba${process.pid % 100000}${tag}`.slice(0, 15);
  const vethB = `f2bb${process.pid % 100000}${tag}`.slice(0, 15);
  const ns = { serverV4: `10.200.${subnet}.1`, clientV4: `10.200.${subnet}.2`, serverV6: `fd00:f2b:${subnet}::1`, clientV6: `fd00:f2b:${subnet}::2` };
  let listener: ChildProcess | undefined;
  const remove = (): void => {
    listener?.kill('SIGKILL');
    for (const name of [server, client]) {
      try {
        run('ip', 'netns', 'del', name);
      } catch {
        // Already gone.
      }
    }
  };
  try {
    run('ip', 'netns', 'add', server);
    run('ip', 'netns', 'add', client);
    run('ip', 'link', 'add', vethA, 'netns', server, 'type', 'veth', 'peer', 'name', vethB, 'netns', client);
    for (const [name, dev, v4, v6] of [[server, vethA, ns.serverV4, ns.serverV6], [client, vethB, ns.clientV4, ns.clientV6]] as const) {
      run('ip', '-n', name, 'link', 'set', 'lo', 'up');
      run('ip', '-n', name, 'addr', 'add', `${v4}/24`, 'dev', dev);
      run('ip', '-n', name, '-6', 'addr', 'add', `${v6}/64`, 'dev', dev, 'nodad');
      run('ip', '-n', name, 'link', 'set', dev, 'up');
    }
    const port = 2222;
    const code = `require('net').createServer((s) => s.end()).listen({ port: ${port}, host: '::' }, () => console.log('ready'))`;
    listener = spawn('ip', ['netns', 'exec', server, process.execPath, '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      listener?.stdout?.once('data', () => resolve());
      listener?.once('exit', (c) => reject(new Error(`listener exited with ${c}`)));
    });
    return {
      server,
      client,
      ...ns,
      port,
      canConnect: (family) => connectWithin(family, '2'),
      isBlocked: (family) => !connectWithin(family, '0.5'),
      inServer(script) {
        return execFileSync('ip', ['netns', 'exec', server, 'sh', '-c', script], { encoding: 'utf8' });
      },
      remove,
    };
    function connectWithin(family: 'inet4' | 'inet6', seconds: string): boolean {
      const address = family === 'inet4' ? ns.serverV4 : ns.serverV6;
      // bash's /dev/tcp opens a real TCP connection.
      const script = `exec 3<>/dev/tcp/${address}/${port}`;
      try {
        execFileSync('ip', ['netns', 'exec', client, 'timeout', seconds, 'bash', '-c', script], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    }
  } catch (error) {
    remove();
    throw error;
  }
}
