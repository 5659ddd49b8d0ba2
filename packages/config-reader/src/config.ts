/** @module config: read a whole Fail2Ban configuration directory into a ConfigSpec. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IniFile } from './_ini.js';
import { ConfigTree, layeredFiles } from './_tree.js';
import { ConfigError } from './errors.js';
import { isJailEnabled, readJail } from './jail.js';
import { readServerConfig, SERVER_DEFAULTS } from './server.js';
import type { ConfigProblem, ConfigSpec, JailSpec, ServerSpec } from './spec.js';

/** Options for {@link readConfig}. */
export interface ReadConfigOptions {
  /** Resolve disabled jails too (default: only enabled ones, as Fail2Ban starts them). */
  readonly includeDisabled?: boolean;
  /** Version string offered to configs as `%(fail2ban_version)s`. */
  readonly version?: string;
}

/**
 * Reads `dir` (laid out like /etc/fail2ban). A jail with an error is left out and its error listed;
 * a missing directory or jail.conf is an error in the result, never a throw.
 */
export function readConfig(dir: string, options: ReadConfigOptions = {}): ConfigSpec {
  const base = resolve(dir);
  const warnings: ConfigProblem[] = [];
  const errors: ConfigProblem[] = [];
  const jails: JailSpec[] = [];
  let server: ServerSpec = SERVER_DEFAULTS;
  if (!existsSync(base) || !statSync(base).isDirectory()) {
    return { dir: base, server, jails, warnings, errors: [{ message: `${dir}: configuration directory does not exist` }] };
  }
  const cache = new Map<string, IniFile>();
  const attempt = (what: () => void) => {
    try {
      what();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push({ message: error.message });
    }
  };
  attempt(() => {
    server = readServerConfig(base, warnings, cache);
  });
  const jailFiles = layeredFiles(base, 'jail');
  if (jailFiles.length === 0) {
    errors.push({ message: `${base}/jail.conf: no jail.conf or jail.local found` });
    return { dir: base, server, jails, warnings, errors };
  }
  const tree = new ConfigTree(cache);
  attempt(() => {
    tree.read(jailFiles);
    tree.defaults.set('fail2ban_version', { value: options.version ?? '1.1.0', file: '', line: 0 });
    tree.defaults.set('fail2ban_confpath', { value: base, file: '', line: 0 });
  });
  if (errors.length > 0 && tree.files.length === 0) return { dir: base, server, jails, warnings, errors };
  for (const name of tree.sectionNames()) {
    if (name === 'INCLUDES') continue;
    attempt(() => {
      if (!options.includeDisabled && !isJailEnabled(tree, name)) return;
      jails.push(readJail(tree, base, name, warnings, cache));
    });
  }
  return { dir: base, server, jails, warnings, errors };
}
