/** @module config: where the client finds its configuration directory, socket and server. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readServerConfig } from '@f2b/config-reader';
import { fileURLToPath } from 'node:url';

/** The socket used when neither `-s` nor the configuration names one. */
export const DEFAULT_SOCKET = '/var/run/f2b/f2b.sock';

/** The repository root: this file is `apps/client/{src,dist}/client/config.*`. */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** `-c DIR`, else `$F2B_CONFDIR`, else the tree shipped in `packages/config`. */
export function resolveConfDir(flag: string | null, env: NodeJS.ProcessEnv): string {
  return resolve(flag ?? env.F2B_CONFDIR ?? join(REPO_ROOT, 'packages', 'config'));
}

/** `-s SOCKET`, else `socket` from the tree's fail2ban.conf (and its .local/.d layers), else the default. */
export function resolveSocket(flag: string | null, confDir: string): string {
  if (flag !== null) return resolve(flag);
  const hasServerConfig = ['fail2ban.conf', 'fail2ban.local'].some((name) => existsSync(join(confDir, name)));
  return resolve(hasServerConfig ? readServerConfig(confDir).socket : DEFAULT_SOCKET);
}

/** The server entry point `start` launches; `$F2B_SERVER_SCRIPT` replaces it (tests, custom installs). */
export function resolveServerScript(env: NodeJS.ProcessEnv): string {
  return resolve(env.F2B_SERVER_SCRIPT ?? join(REPO_ROOT, 'apps', 'server', 'dist', 'f2b-server.js'));
}
