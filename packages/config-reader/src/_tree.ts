/** @module _tree: a layered config (X.conf, X.d/*.conf, X.local, X.d/*.local, [INCLUDES]) with Fail2Ban's merge rules. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { ConfigError, where } from './errors.js';
import { parseIni, type IniFile, type IniValue } from './_ini.js';
import { interpolate, type Lookup } from './_interpolate.js';

/** Matches a conditional section or option name: `Init?family=inet6` → (`Init`, `?family=inet6`). */
export const CONDITIONAL_RE = /^(\w+)(\?.+)$/;

/** The files that make up config `name` under `baseDir`, in reading order (before includes). */
export function layeredFiles(baseDir: string, name: string): string[] {
  const base = join(baseDir, name);
  const inDir = (ext: string) => {
    const dir = `${base}.d`;
    if (!isDirectory(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => join(dir, f));
  };
  return [`${base}.conf`, ...inDir('.conf'), `${base}.local`, ...inDir('.local')].filter((f) => isFile(f));
}

/** Merged sections of several files, as Fail2Ban's SafeConfigParserWithIncludes holds them. */
export class ConfigTree {
  readonly defaults = new Map<string, IniValue>();
  readonly sections = new Map<string, Map<string, IniValue>>();
  /** Where each section was first opened. */
  readonly headers = new Map<string, { file: string; line: number }>();
  /** Every file read, in order (includes expanded). */
  readonly files: string[] = [];
  private readonly cache: Map<string, IniFile>;

  constructor(cache: Map<string, IniFile> = new Map()) {
    this.cache = cache;
  }

  /** Reads `files` (and what they include) and merges them in order. */
  read(files: readonly string[]): void {
    for (const file of expandIncludes(files, [], this.cache)) this.merge(loadIni(file, this.cache)!);
  }

  /** Section names, without the internal `KNOWN/` copies. */
  sectionNames(): string[] {
    return [...this.sections.keys()].filter((n) => !n.startsWith('KNOWN/'));
  }

  hasOption(section: string, option: string, withDefault = true): boolean {
    return this.sections.get(section)?.has(option) === true || (withDefault && this.defaults.has(option));
  }

  /** Option names of a section (own first), optionally with `[DEFAULT]`'s. */
  optionNames(section: string, withDefault = false): string[] {
    const own = [...(this.sections.get(section)?.keys() ?? [])];
    return withDefault ? [...new Set([...own, ...this.defaults.keys()])] : own;
  }

  /** The raw (uninterpolated) entry of an option, `vars` first, then section, then `[DEFAULT]`. */
  raw(section: string, option: string): IniValue | undefined {
    return this.sections.get(section)?.get(option) ?? this.defaults.get(option);
  }

  /**
   * The interpolated value of `section`/`option`, or undefined when absent.
   * `vars` win over the section and `[DEFAULT]` (Python's `get(vars=…)`).
   */
  get(section: string, option: string, vars: ReadonlyMap<string, string> = new Map()): string | undefined {
    const given = vars.get(option);
    const entry = given === undefined ? this.raw(section, option) : undefined;
    if (given === undefined && entry === undefined) return undefined;
    const text = given ?? entry!.value;
    return interpolate(text, this.lookup(section, vars), entry ?? { file: `[${section}]`, line: 0 }, option);
  }

  /** Sets (or adds) options to a section, as Fail2Ban's merge_section with a key prefix. */
  mergeSection(section: string, values: ReadonlyMap<string, string>, prefix: string, origin: IniValue): void {
    const target = this.sectionFor(section);
    for (const [key, value] of values) target.set(prefix + key, { value, file: origin.file, line: origin.line });
  }

  private lookup(section: string, vars: ReadonlyMap<string, string>): Lookup {
    const own = this.sections.get(section);
    const plain = (name: string): IniValue | undefined => {
      const v = vars.get(name);
      if (v !== undefined) return { value: v, file: `[${section}]`, line: 0 };
      return own?.get(name) ?? this.defaults.get(name);
    };
    return (name) => {
      if (name === '__name__') return { value: section, file: '', line: 0 };
      const found = plain(name);
      if (found || !name.includes('/')) return found;
      const slash = name.indexOf('/');
      const [sec, opt] = [name.slice(0, slash), name.slice(slash + 1)];
      const lower = sec.toLowerCase();
      if (lower === 'known') return this.sections.get(`KNOWN/${section}`)?.get(opt) ?? this.defaults.get(opt);
      if (lower === 'default') return this.defaults.get(opt);
      const other = this.sections.get(sec);
      return other ? (other.get(opt) ?? this.defaults.get(opt)) : undefined;
    };
  }

  private sectionFor(name: string): Map<string, IniValue> {
    let section = this.sections.get(name);
    if (!section) this.sections.set(name, (section = new Map()));
    return section;
  }

  private merge(ini: IniFile): void {
    this.files.push(ini.file);
    for (const [k, v] of ini.defaults) this.defaults.set(k, v);
    for (const [rawName, options] of ini.sections) {
      let name = rawName;
      let values = options;
      const cond = CONDITIONAL_RE.exec(rawName);
      if (cond) {
        name = cond[1]!;
        values = new Map([...options].map(([k, v]) => [k + cond[2]!, v]));
      }
      if (!this.headers.has(name)) this.headers.set(name, { file: ini.file, line: ini.headers.get(rawName) ?? 0 });
      const existing = this.sections.get(name);
      if (existing) {
        // Keep the values being overridden, for `%(known/…)s` in later layers.
        const known = this.sectionFor(`KNOWN/${name}`);
        for (const key of values.keys()) {
          const previous = existing.get(key);
          if (previous) known.set(key, previous);
        }
        for (const [k, v] of values) existing.set(k, v);
      } else {
        this.sections.set(name, new Map(values));
      }
    }
  }
}

/**
 * Expands each file into its `[INCLUDES] before`, itself, its `.local` sibling and its `after` files,
 * recursively; a file already on the current include path is skipped (loop-safe), as is a missing
 * include (Fail2Ban's stock files name optional ones such as `paths-overrides.local`).
 */
function expandIncludes(files: readonly string[], seen: readonly string[], cache: Map<string, IniFile>): string[] {
  const withLocal: string[] = [];
  for (const file of files) {
    withLocal.push(file);
    const local = file.replace(/\.[^./]*$/, '') + '.local';
    if (local !== file && !files.includes(local) && isFile(local)) withLocal.push(local);
  }
  const out: string[] = [];
  for (const file of withLocal) {
    const ini = loadIni(file, cache);
    if (!ini) continue;
    const includes = ini.sections.get('INCLUDES');
    const around = (key: string) => {
      const list = includes?.get(key)?.value;
      if (!list) return [];
      const result: string[] = [];
      for (const item of list.split('\n')) {
        if (item.trim() === '') continue;
        const path = isAbsolute(item) ? item : join(dirname(file), item);
        if (seen.includes(path) || path === file) continue;
        result.push(...expandIncludes([path], [...seen, file], cache));
      }
      return result;
    };
    out.push(...around('before'), file, ...around('after'));
  }
  return out;
}

function loadIni(file: string, cache: Map<string, IniFile>): IniFile | undefined {
  const cached = cache.get(file);
  if (cached) return cached;
  if (!isFile(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('E_CONFIG_MISSING', `${where(file)}cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  const ini = parseIni(text, file);
  cache.set(file, ini);
  return ini;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
