/** @module config: where the client finds its configuration directory, socket and server. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readServerConfig } from '@f2b/config-reader';
import { fileURLToPath } from 'node:url';
import { BUNDLED_CONFIG_DIR } from '../_bundled-config.js';

/** The socket used when neither `-s` nor the configuration names one. */
export const DEFAULT_SOCKET = '/var/run/f2b/f2b.sock';

/** This package's root: this file is `{src,dist}/client/config.*` in apps/client or node_modules/@f2b/client. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `-c DIR`, else `$F2B_CONFDIR`, else the tree shipped in `@f2b/config`. */
export function resolveConfDir(flag: string | null, env: NodeJS.ProcessEnv): string {
  return resolve(flag ?? env.F2B_CONFDIR ?? BUNDLED_CONFIG_DIR);
}

/** `-s SOCKET`, else `socket` from the tree's fail2ban.conf (and its .local/.d layers), else the default. */
export function resolveSocket(flag: string | null, confDir: string): string {
  if (flag !== null) return resolve(flag);
  const hasServerConfig = ['fail2ban.conf', 'fail2ban.local'].some((name) => existsSync(join(confDir, name)));
  return resolve(hasServerConfig ? readServerConfig(confDir).socket : DEFAULT_SOCKET);
}

/** The server entry point `start` launches; `$F2B_SERVER_SCRIPT` replaces it (tests, custom installs). */
export function resolveServerScript(env: NodeJS.ProcessEnv): string {
  // @f2b/server sits beside this package both in the repo (apps/server) and when installed
  // (node_modules/@f2b/server): the client does not depend on it, a user installs it for `start`.
  return resolve(env.F2B_SERVER_SCRIPT ?? join(PACKAGE_ROOT, '..', 'server', 'dist', 'f2b-server.js'));
}
