/** @module _regex-filter: turns f2b-regex's FILTER argument into a filter definition. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readFilter, parseNamedOptions } from '@f2b/config-reader';
import type { FilterDefinition } from '@f2b/failregex';
import { UsageError } from './errors.js';

/** The filter to run and how to describe it in the report. */
export interface LoadedFilter {
  readonly definition: FilterDefinition;
  /** `filter file : sshd, basedir: /etc/fail2ban` or `line : ^regex$`. */
  readonly label: string;
}

/**
 * A path to an existing file or a name found in CONFDIR/filter.d is read as a filter (ConfigError on
 * problems); anything else is a literal failregex. IGNOREREGEX, when given, is added as a literal.
 */
export function loadFilterArgument(confDir: string, filterArg: string, ignoreRegex: string | null): LoadedFilter {
  let definition: FilterDefinition;
  let label: string;
  if (isFile(filterArg) || isFilterName(confDir, filterArg)) {
    definition = readFilter(confDir, filterArg);
    label = `filter file : ${filterArg}, basedir: ${confDir}`;
  } else {
    if (/^[\w.-]+(\[.*\])?$/s.test(filterArg)) {
      throw new UsageError(`f2b-regex: no filter '${filterArg}' in ${join(confDir, 'filter.d')} (and as a regex it has no <HOST> or <F-ID>)`);
    }
    definition = {
      name: '<command line>', file: '<command line>', failregex: [filterArg], ignoreregex: [],
      prefregex: null, maxlines: 1, datepattern: null,
    };
    label = `line : ${filterArg}`;
  }
  if (ignoreRegex !== null) definition = { ...definition, ignoreregex: [...definition.ignoreregex, ignoreRegex] };
  return { definition, label };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isFilterName(confDir: string, arg: string): boolean {
  if (!/^[\w.-]+(\[.*\])?$/s.test(arg)) return false;
  let name: string;
  try {
    name = parseNamedOptions(arg, 'filter').name;
  } catch {
    return false;
  }
  return ['.conf', '.local'].some((ext) => existsSync(join(confDir, 'filter.d', `${name}${ext}`)));
}
