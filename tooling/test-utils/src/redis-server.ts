/** @module redis-server: a real redis-server (Debian's) on a free loopback port, for the fleet's tests and bench. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = '/usr/bin/redis-server';

/** A running redis-server that can be stopped and started again on the same port and directory. */
export interface TestRedis {
  readonly port: number;
  readonly password: string;
  /** `redis://:password@127.0.0.1:port/0`. */
  readonly url: string;
  readonly dir: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port, directory and options. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  remove(): Promise<void>;
}

/** Options of `startRedis`. */
export interface TestRedisOptions {
  readonly password?: string;
  /** Keep the data across `stop`/`start` (append-only file, fsync always); default: nothing saved. */
  readonly persist?: boolean;
  /** ACL users (`name` → password), there again after a restart, with `userRules` (default: every right). */
  readonly users?: Readonly<Record<string, string>>;
  readonly userRules?: readonly string[];
  /** Speak TLS only (no plain port), with these PEM files; clients need no certificate. */
  readonly tls?: { readonly cert: string; readonly key: string; readonly ca: string };
}

/**
 * Writes a test CA and a server certificate for 127.0.0.1/localhost into `dir` with the openssl CLI;
 * returns the PEM file paths.
 */
export function makeTestCertificates(dir: string): { ca: string; cert: string; key: string } {
  const run = (...args: string[]) => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=f2b test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext');
  return { ca: join(dir, 'ca.crt'), cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts redis-server with `--requirepass`, `--save ''` and its own temp directory. */
export async function startRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const port = await freePort();
  const password = options.password ?? `test-${port}-secret`;
  const dir = mkdtempSync(join(tmpdir(), 'f2b-i16-redis-'));
  const ports = options.tls
    ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', options.tls.cert, '--tls-key-file', options.tls.key, '--tls-ca-cert-file', options.tls.ca, '--tls-auth-clients', 'no']
    : ['--port', String(port)];
  const args = [...ports, '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--dir', dir, '--logfile', ''];
  if (options.persist) args.push('--appendonly', 'yes', '--appendfsync', 'always');
  for (const [name, secret] of Object.entries(options.users ?? {})) args.push('--user', name, 'on', `>${secret}`, ...(options.userRules ?? ['~*', '&*', '+@all']));
  let child: ChildProcess | null = null;
  const redis: TestRedis = {
    port,
    password,
    url: `${options.tls ? 'rediss' : 'redis'}://:${password}@127.0.0.1:${port}/0`,
    dir,
    async start() {
      child = await launch(args);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    },
    async remove() {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}

/** Spawns redis-server and resolves once it accepts connections. */
function launch(args: readonly string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => fail(new Error(`redis-server did not start: ${output.slice(-500)}`)), 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
}
