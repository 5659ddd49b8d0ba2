/** @module jail: resolve one jail section (with its filter and actions) into a JailSpec. */
import type { IniFile } from './_ini.js';
import { JAIL_BOOL_KEYS, JAIL_FIRST_KEYS, JAIL_INT_KEYS, JAIL_KEYS } from './_keys.js';
import type { ConfigTree } from './_tree.js';
import { readAction } from './action.js';
import { parseDuration } from './duration.js';
import { ConfigError, where } from './errors.js';
import { buildFilterSpec, openFilter } from './filter.js';
import { parseBool, parseNamedOptions, splitNamedList, splitWords } from './options.js';
import type { BantimeIncrementSpec, ConfigProblem, FilterSpec, JailSpec, LogPathSpec, UseDns } from './spec.js';
import { join } from 'node:path';

/** Defaults of Fail2Ban's server when a jail leaves an option unset. */
const SERVER_DEFAULTS = { maxretry: 3, findtime: 600, bantime: 600 } as const;
const USEDNS: readonly UseDns[] = ['yes', 'warn', 'no', 'raw'];

/** Reads the named options of a jail section (interpolated); absent options are left out. */
function readJailValues(tree: ConfigTree, jail: string, keys: readonly string[], vars?: ReadonlyMap<string, string>): Map<string, string> {
  const values = new Map<string, string>();
  for (const key of keys) {
    const value = tree.get(jail, key, vars);
    if (value !== undefined) values.set(key, value);
  }
  return values;
}

/** Whether the jail section is enabled (its `enabled` option, interpolated). */
export function isJailEnabled(tree: ConfigTree, jail: string): boolean {
  return parseBool(tree.get(jail, 'enabled'));
}

/** Resolves jail `name` from the jail tree; warnings (bad numbers …) go to `warnings`. */
export function readJail(tree: ConfigTree, baseDir: string, name: string, warnings: ConfigProblem[], cache: Map<string, IniFile>): JailSpec {
  const source = tree.headers.get(name) ?? { file: join(baseDir, 'jail.conf'), line: 0 };
  const context = `${where(source.file, source.line)}jail '${name}'`;
  // An option's own file and line, for errors in its value.
  const at = (key: string) => {
    const entry = tree.raw(name, key);
    return `${entry ? where(entry.file, entry.line) : where(source.file, source.line)}jail '${name}'`;
  };
  const first = readJailValues(tree, name, JAIL_FIRST_KEYS);
  const backendText = first.get('backend') ?? 'auto';
  const filterText = first.get('filter') ?? '';
  let filterReader: ReturnType<typeof openFilter> | undefined;
  let filterJailOptions: Record<string, string> = {};
  if (filterText.trim() !== '') {
    const parsed = parseNamedOptions(filterText, `${at('filter')}: filter`);
    filterJailOptions = parsed.options;
    filterReader = openFilter(join(baseDir, 'filter.d', parsed.name), parsed.name, parsed.options, at('filter'), cache);
    if (!filterReader.init.get('logtype') && !filterReader.tree.hasOption('Definition', 'logtype', false)) {
      filterReader.init.set('logtype', backendText.startsWith('systemd') ? 'journal' : 'file');
    }
    filterReader.readOptions(first, true);
    // The filter's values become `%(known/…)s` of the jail section (jail-level `failregex = %(known/failregex)s extra`).
    tree.mergeSection(name, filterReader.combined(), 'known/', { value: '', ...source });
  }
  const values = readJailValues(tree, name, JAIL_KEYS);
  const typed = new Map<string, string>(values);
  for (const key of JAIL_INT_KEYS) checkInt(values, key, context, warnings);
  for (const key of JAIL_BOOL_KEYS) if (values.has(key)) typed.set(key, parseBool(values.get(key)) ? 'True' : 'False');
  let filter: FilterSpec;
  if (filterReader) {
    filterReader.readOptions(typed);
    filter = buildFilterSpec(filterReader, filterReader.combined(), filterJailOptions, values);
  } else {
    warnings.push({ message: `${context}: no filter set` });
    filter = { name: '', file: '', jailOptions: {}, failregex: [], ignoreregex: [], prefregex: null, maxlines: 1, datepattern: null, journalmatch: [], options: {} };
  }
  const actions = splitNamedList(values.get('action') ?? '').map((item) => {
    const parsed = parseNamedOptions(item, `${at('action')}: action`);
    return readAction(baseDir, parsed.name, name, parsed.options, typed, cache, at('action'));
  });
  if (actions.length === 0) warnings.push({ message: `${context}: no actions defined` });
  const backend = parseNamedOptions(backendText, `${context}: backend`);
  const duration = (key: string, fallback: number) => {
    const text = values.get(key);
    return text === undefined || text.trim() === '' ? fallback : parseDuration(text, `${at(key)}: ${key}`);
  };
  const optionalDuration = (key: string) => (values.has(key) && values.get(key)!.trim() !== '' ? duration(key, 0) : null);
  const usedns = (values.get('usedns') ?? filter.options['usedns'] ?? 'warn').toLowerCase();
  if (!USEDNS.includes(usedns as UseDns)) {
    throw new ConfigError('E_CONFIG_VALUE', `${context}: usedns '${usedns}' (expected yes, warn, no, raw)`);
  }
  const maxretry = intOr(values.get('maxretry'), SERVER_DEFAULTS.maxretry);
  const increment: BantimeIncrementSpec = {
    enabled: parseBool(values.get('bantime.increment')),
    factor: Number(values.get('bantime.factor') ?? '1'),
    formula: values.get('bantime.formula')?.trim() || null,
    multipliers: splitWords(values.get('bantime.multipliers')).map((m) => {
      const n = Number(m);
      if (!Number.isFinite(n)) throw new ConfigError('E_CONFIG_VALUE', `${context}: bantime.multipliers: '${m}' is not a number`);
      return n;
    }),
    maxtime: optionalDuration('bantime.maxtime'),
    rndtime: optionalDuration('bantime.rndtime'),
    overalljails: parseBool(values.get('bantime.overalljails')),
  };
  if (!Number.isFinite(increment.factor)) {
    throw new ConfigError('E_CONFIG_VALUE', `${context}: bantime.factor '${values.get('bantime.factor')}' is not a number`);
  }
  return {
    name,
    enabled: parseBool(values.get('enabled')),
    filter,
    actions,
    backend: backend.name,
    backendOptions: backend.options,
    logpath: backend.name.startsWith('systemd') ? [] : parseLogPaths(values.get('logpath')),
    logencoding: values.get('logencoding') ?? 'auto',
    logtimezone: values.get('logtimezone')?.trim() || null,
    skipIfNoLogs: parseBool(values.get('skip_if_nologs') ?? tree.get(name, 'skip_if_nologs')),
    maxretry,
    findtime: duration('findtime', SERVER_DEFAULTS.findtime),
    bantime: duration('bantime', SERVER_DEFAULTS.bantime),
    bantimeIncrement: increment,
    maxmatches: intOr(values.get('maxmatches'), maxretry),
    usedns: usedns as UseDns,
    ignoreip: splitWords(values.get('ignoreip')),
    ignoreself: values.has('ignoreself') ? parseBool(values.get('ignoreself')) : true,
    ignorecommand: values.get('ignorecommand') ?? '',
    ignorecache: values.get('ignorecache')?.trim() ? parseNamedOptions(`cache[${values.get('ignorecache')}]`, `${context}: ignorecache`).options : null,
    options: Object.fromEntries(tree.optionNames(name, true).filter((k) => !k.startsWith('known/')).map((k) => [k, safeGet(tree, name, k)])),
    source,
  };
}

/** `logpath` lines: a path or glob, optionally followed by ` head` or ` tail`. */
export function parseLogPaths(text: string | undefined): LogPathSpec[] {
  return (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => {
      const m = /^(.*\S)\s+(head|tail)$/.exec(line);
      return m ? { path: m[1]!, start: m[2] as 'head' | 'tail' } : { path: line, start: 'head' as const };
    });
}

function checkInt(values: Map<string, string>, key: string, context: string, warnings: ConfigProblem[]): void {
  const text = values.get(key);
  if (text === undefined) return;
  if (!/^\s*[+-]?\d+\s*$/.test(text)) {
    warnings.push({ message: `${context}: ${key} '${text}' is not an integer; using the default` });
    values.delete(key);
  }
}

function intOr(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : Number.parseInt(text, 10);
}

function safeGet(tree: ConfigTree, section: string, key: string): string {
  try {
    return tree.get(section, key) ?? '';
  } catch {
    return tree.raw(section, key)?.value ?? '';
  }
}
