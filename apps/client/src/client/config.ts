/** @module config: where the client finds its configuration directory, socket and server. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { readServerConfig } from '@f2b/config-reader';
import { fileURLToPath } from 'node:url';
import { bundledConfigDir } from '../_bundled-config.js';

/** The socket used when neither `-s` nor the configuration names one. */
export const DEFAULT_SOCKET = '/var/run/f2b/f2b.sock';

/** This package's root: this file is `{src,dist}/client/config.*` in apps/client or node_modules/@f2b/client. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `-c DIR`, else `$F2B_CONFDIR`, else the tree shipped in `@f2b/config`. */
export function resolveConfDir(flag: string | null, env: NodeJS.ProcessEnv): string {
  return resolve(flag ?? env.F2B_CONFDIR ?? bundledConfigDir());
}

/** `-s SOCKET`, else `socket` from the tree's fail2ban.conf (and its .local/.d layers), else the default. */
export function resolveSocket(flag: string | null, confDir: string): string {
  if (flag !== null) return resolve(flag);
  const hasServerConfig = ['fail2ban.conf', 'fail2ban.local'].some((name) => existsSync(join(confDir, name)));
  return resolve(hasServerConfig ? readServerConfig(confDir).socket : DEFAULT_SOCKET);
}

/** The server entry point `start` launches; `$F2B_SERVER_SCRIPT` replaces it (tests, custom installs). */
export function resolveServerScript(env: NodeJS.ProcessEnv): string {
  return resolve(env.F2B_SERVER_SCRIPT ?? installedServerScript());
}

/**
 * The client does not depend on @f2b/server (a user installs it for `start`): found as Node finds it
 * (node_modules, pnpm's hoisted store), else beside this package (apps/server in the repo).
 */
function installedServerScript(): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@f2b/server/package.json')), 'dist', 'f2b-server.js');
  } catch {
    return join(PACKAGE_ROOT, '..', 'server', 'dist', 'f2b-server.js');
  }
}
