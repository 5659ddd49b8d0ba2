/** @module _tree: reads the shipped config tree for the tests (a small INI reader, no interpolation across files but %(name)s). */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of packages/config. */
export const CONFIG_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Directory of the sample logs. */
export const LOGS_DIR = join(CONFIG_DIR, 'test', 'logs');

/** Section name → option name → raw value (continuation lines joined with "\n"). */
export type IniFile = Map<string, Map<string, string>>;

/** Parses Fail2Ban-style INI text: "key = value", indented continuation lines, "#"/";" comments. */
export function parseIni(text: string): IniFile {
  const sections: IniFile = new Map();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (/^\s*[#;]/.test(line) || line.trim() === '') {
      if (line.trim() === '') key = undefined;
      continue;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      section = sections.get(header[1]!) ?? new Map<string, string>();
      sections.set(header[1]!, section);
      key = undefined;
      continue;
    }
    if (/^\s/.test(line) && key !== undefined && section) {
      section.set(key, `${section.get(key)}\n${line.trim()}`);
      continue;
    }
    const option = /^([^=\s][^=]*?)\s*=\s?(.*)$/.exec(line);
    if (option && section) {
      key = option[1]!;
      section.set(key, option[2]!.trim());
    }
  }
  return sections;
}

/** Reads `dir/name.conf` and the files its [INCLUDES] before/after name (same directory). */
export function readWithIncludes(dir: string, name: string): IniFile[] {
  const file = join(dir, `${name}.conf`);
  if (!existsSync(file)) return [];
  const ini = parseIni(readFileSync(file, 'utf8'));
  const includes = ini.get('INCLUDES');
  const around = (which: string): IniFile[] =>
    (includes?.get(which) ?? '').split(/\s+/).filter((f) => f.endsWith('.conf'))
      .flatMap((f) => readWithIncludes(dir, f.slice(0, -'.conf'.length)));
  return [...around('before'), ini, ...around('after')];
}

/**
 * Every option of a filter as the [Definition] section sees it: later files
 * and [Init] win over earlier ones and [DEFAULT]; %(name)s is expanded.
 */
export function resolveFilterOptions(name: string): Map<string, string> {
  const merged = new Map<string, string>();
  const files = readWithIncludes(join(CONFIG_DIR, 'filter.d'), name);
  for (const part of ['DEFAULT', 'Definition', 'Init']) {
    for (const ini of files) for (const [k, v] of ini.get(part) ?? []) merged.set(k, v);
  }
  const expand = (value: string, depth: number): string =>
    depth > 20 ? value : value.replace(/%\((\w[\w-]*)\)s/g, (whole, ref: string) => {
      const target = merged.get(ref);
      return target === undefined ? whole : expand(target, depth + 1);
    });
  return new Map([...merged].map(([k, v]) => [k, expand(v, 0).replace(/%%/g, '%')]));
}

/** Names of the filters shipped (filter.d/*.conf that are not building blocks). */
export function listFilters(): string[] {
  return readdirSync(join(CONFIG_DIR, 'filter.d'))
    .filter((f) => f.endsWith('.conf') && !f.endsWith('common.conf'))
    .map((f) => f.slice(0, -'.conf'.length))
    .sort();
}

/** Names of the actions shipped (action.d/*.conf that are not building blocks). */
export function listActions(): string[] {
  return readdirSync(join(CONFIG_DIR, 'action.d'))
    .filter((f) => f.endsWith('.conf') && !f.endsWith('common.conf'))
    .map((f) => f.slice(0, -'.conf'.length))
    .sort();
}
