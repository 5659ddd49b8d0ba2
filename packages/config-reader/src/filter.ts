/** @module filter: resolve a jail's filter (filter.d/NAME with .d/ and .local layers) into a FilterSpec. */
import type { IniFile } from './_ini.js';
import { DefinitionReader } from './_definition.js';
import { FILTER_KEYS } from './_keys.js';
import { parseNamedOptions } from './options.js';
import type { FilterSpec } from './spec.js';
import { ConfigError } from './errors.js';
import { basename, join, resolve } from 'node:path';

/** Splits a multi-line regex option into its regexes (empty lines dropped). */
export function splitRegexList(value: string | undefined): string[] {
  return (value ?? '').split('\n').filter((line) => line !== '');
}

/** Splits `journalmatch` into its lines (each one group of `FIELD=value` words). */
export function splitJournalMatch(value: string | undefined): string[] {
  return (value ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** Opens a filter for a jail: reads the file layers with the jail's `[k=v]` options. */
export function openFilter(
  basePath: string,
  name: string,
  jailOptions: Readonly<Record<string, string>>,
  context: string,
  cache: Map<string, IniFile> = new Map(),
): DefinitionReader {
  return new DefinitionReader(basePath, 'filter', name, jailOptions, FILTER_KEYS, cache, context);
}

/**
 * Builds the FilterSpec from the filter's combined values; `jailValues` are the jail's own options
 * (a jail's `failregex` etc. replace the filter's).
 */
export function buildFilterSpec(
  reader: DefinitionReader,
  combined: ReadonlyMap<string, string>,
  jailOptions: Readonly<Record<string, string>>,
  jailValues: ReadonlyMap<string, string> = new Map(),
): FilterSpec {
  const pick = (key: string) => jailValues.get(key) ?? combined.get(key);
  const maxlinesText = pick('maxlines');
  const maxlines = maxlinesText === undefined ? 1 : Number.parseInt(maxlinesText, 10);
  if (!Number.isFinite(maxlines) || maxlines < 1) {
    throw new ConfigError('E_CONFIG_VALUE', `${reader.context}: filter '${reader.name}': maxlines '${maxlinesText}' is not a positive integer`);
  }
  const datepattern = pick('datepattern');
  const prefregex = pick('prefregex');
  return {
    name: reader.name,
    file: reader.file,
    jailOptions,
    failregex: splitRegexList(pick('failregex')),
    ignoreregex: splitRegexList(pick('ignoreregex')),
    prefregex: prefregex === undefined || prefregex === '' ? null : prefregex,
    maxlines,
    datepattern: datepattern === undefined || datepattern.trim() === '' ? null : splitRegexList(datepattern),
    journalmatch: splitJournalMatch(pick('journalmatch')),
    options: Object.fromEntries(combined),
  };
}

/**
 * Reads one filter on its own, as f2b-regex does: `name`, `name[k=v]`, or a path to a .conf file.
 * Throws ConfigError (one line) when the filter is missing or malformed.
 */
export function readFilter(
  confDir: string,
  nameWithOptions: string,
  extra: {
    jailOptions?: Record<string, string>;
    /** Keep every [Definition] option in `options` (helpers such as mode rules), not only the known ones. */
    allOptions?: boolean;
  } = {},
): FilterSpec {
  const { name, options } = parseNamedOptions(nameWithOptions, 'filter');
  const isPath = name.includes('/') || /\.(conf|local)$/.test(name);
  const basePath = isPath ? resolve(name).replace(/\.(conf|local)$/, '') : join(confDir, 'filter.d', name);
  const jailOptions = { ...options, ...extra.jailOptions };
  const reader = openFilter(basePath, basename(basePath), jailOptions, `filter '${nameWithOptions}'`);
  if (!jailOptions['logtype'] && !reader.tree.hasOption('Definition', 'logtype', false)) reader.init.set('logtype', 'file');
  reader.readOptions(new Map(), extra.allOptions ?? false);
  return buildFilterSpec(reader, reader.combined(), jailOptions);
}
