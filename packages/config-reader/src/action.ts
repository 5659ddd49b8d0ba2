/** @module action: resolve one `action = name[k=v]` entry of a jail into an ActionSpec. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IniFile } from './_ini.js';
import { DefinitionReader } from './_definition.js';
import { ACTION_KEYS, ACTION_RUNTIME_TAGS } from './_keys.js';
import { CONDITIONAL_RE } from './_tree.js';
import { ConfigError } from './errors.js';
import type { ActionSpec } from './spec.js';

/**
 * Resolves an action for `jailName`. `jailValues` are the jail's resolved options (they take part
 * in the action's interpolation); `jailOptions` are the `[k=v]` given with the action's name.
 */
export function readAction(
  baseDir: string,
  name: string,
  jailName: string,
  jailOptions: Readonly<Record<string, string>>,
  jailValues: ReadonlyMap<string, string>,
  cache: Map<string, IniFile> = new Map(),
  where = `jail '${jailName}'`,
): ActionSpec {
  const init: Record<string, string> = { ...jailOptions };
  const ownName = (init['name'] ??= jailName);
  if (init['actname'] === undefined) {
    // Fail2Ban names a second instance of an action after its `name` (iptables-ssh2 …).
    let actname = name;
    if (ownName !== jailName) actname += ownName.startsWith(jailName) ? ownName.slice(jailName.length) : `-${ownName}`;
    init['actname'] = actname;
  }
  const context = `${where}: action '${name}'`;
  const script = join(baseDir, 'action.d', name);
  if (name.endsWith('.mjs') || name.endsWith('.js')) {
    if (!existsSync(script)) throw new ConfigError('E_CONFIG_MISSING', `${context}: no file ${script}`);
    const { actname, ...options } = init;
    return { name: actname ?? name.replace(/\.m?js$/, ''), file: script, kind: 'javascript', jailOptions, options, conditional: {}, known: {} };
  }
  if (name.endsWith('.py')) {
    throw new ConfigError('E_CONFIG_VALUE', `${context}: Python actions cannot run in f2b; port it to action.d/${name.replace(/\.py$/, '.mjs')}`);
  }
  const reader = new DefinitionReader(join(baseDir, 'action.d', name), 'action', name, init, ACTION_KEYS, cache, where);
  reader.readOptions(jailValues);
  const combined = reader.combined(ACTION_RUNTIME_TAGS);
  return buildActionSpec(reader, combined, init['actname']!, jailOptions);
}

function buildActionSpec(
  reader: DefinitionReader,
  combined: ReadonlyMap<string, string>,
  actname: string,
  jailOptions: Readonly<Record<string, string>>,
): ActionSpec {
  const options: Record<string, string> = {};
  const conditional: Record<string, Record<string, string>> = {};
  const known: Record<string, string> = {};
  const keys = new Set<string>(ACTION_KEYS);
  const put = (key: string, value: string) => {
    const cond = CONDITIONAL_RE.exec(key);
    if (cond) (conditional[cond[2]!.slice(1)] ??= {})[cond[1]!] = value;
    else options[key] = value;
  };
  // Commands come substituted; [Init] parameters stay as written, to be resolved per ban.
  for (const [key, value] of combined) if (keys.has(key)) put(key, value);
  for (const [key, value] of reader.init) {
    if (key.startsWith('known/')) known[key.slice('known/'.length)] = value;
    else if (!keys.has(key)) put(key, value);
  }
  return { name: actname, file: reader.file, kind: 'command', jailOptions, options, conditional, known };
}
