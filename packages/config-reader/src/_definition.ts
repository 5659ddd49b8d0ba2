/** @module _definition: filter.d / action.d files — [Definition] with [Init] parameters the jail may override. */
import { ConfigError, where } from './errors.js';
import { basename, dirname } from 'node:path';
import type { IniFile } from './_ini.js';
import { CONDITIONAL_RE, ConfigTree, layeredFiles } from './_tree.js';
import { substituteTags } from './tags.js';
import { FILTER_KEYS } from './_keys.js';

/** A filter's options that go into its regexes and settings: an unknown mode in them is an error. */
const FILTER_TAG_OPTIONS: ReadonlySet<string> = new Set(FILTER_KEYS);

/** A filter or action file being resolved for one jail (Fail2Ban's DefinitionInitConfigReader). */
export class DefinitionReader {
  readonly tree: ConfigTree;
  readonly file: string;
  /** Jail-supplied `[k=v]` values, then [Init] values and their `known/` copies. */
  readonly init = new Map<string, string>();
  private definition = new Map<string, string>();
  private vars = new Map<string, string>();
  private readonly combinedCache = new Map<string, string | undefined>();

  constructor(
    /** The file's path without extension: `/etc/fail2ban/filter.d/sshd`. */
    basePath: string,
    readonly kind: 'filter' | 'action',
    readonly name: string,
    jailOptions: Readonly<Record<string, string>>,
    private readonly configKeys: readonly string[],
    cache: Map<string, IniFile>,
    readonly context: string,
  ) {
    const files = layeredFiles(dirname(basePath), basename(basePath));
    if (files.length === 0) {
      throw new ConfigError('E_CONFIG_MISSING', `${context}: ${kind} '${name}' not found (no ${basePath}.conf or .local)`);
    }
    this.file = files[0]!;
    this.tree = new ConfigTree(cache);
    this.tree.read(files);
    for (const [k, v] of Object.entries(jailOptions)) this.init.set(k, v);
  }

  /**
   * Reads [Definition] against the jail's options (`jailValues` win in interpolation and hide the
   * definition's own value of the same name) and collects [Init]. With `all`, every [Definition]
   * option is kept, not only the known ones.
   */
  readOptions(jailValues: ReadonlyMap<string, string>, all = false): void {
    this.vars = new Map([...jailValues, ...this.init]);
    this.definition = new Map();
    const hasDefinition = this.tree.sections.has('Definition');
    for (const key of this.configKeys) {
      if (this.vars.has(key) || !hasDefinition) continue;
      const value = this.tree.get('Definition', key, this.vars);
      if (value !== undefined) this.definition.set(key, value);
    }
    if (this.tree.sections.has('Init')) {
      for (const key of this.tree.optionNames('Init')) {
        const value = this.tree.get('Init', key)!;
        if (!key.startsWith('known/')) this.init.set(`known/${key}`, value);
        if (this.init.has(key)) continue;
        // Fail2Ban 1.1 (gh-4069): a value the jail passes (`blocktype=DROP`) also replaces its
        // conditional variants (`blocktype?family=inet6`) unless the jail passes those too.
        const cond = CONDITIONAL_RE.exec(key);
        const passed = cond ? this.vars.get(cond[1]!) : undefined;
        this.init.set(key, passed ?? value);
      }
    }
    if (all && hasDefinition) {
      for (const key of this.tree.optionNames('Definition', true)) {
        if (!this.definition.has(key)) this.definition.set(key, this.tree.get('Definition', key)!);
      }
    }
  }

  /**
   * [Definition] and [Init] values combined, with `<tag>`s among them substituted (Fail2Ban does
   * this at config time). Tags in `ignore`, and tags with conditional variants
   * (`iptables?family=inet6`), stay for run time.
   */
  combined(ignore: ReadonlySet<string> = new Set()): Map<string, string> {
    const values = new Map([...this.definition, ...this.init]);
    if (values.size === 0) return values;
    const skip = new Set(ignore);
    for (const key of values.keys()) {
      const cond = CONDITIONAL_RE.exec(key);
      if (cond) skip.add(cond[1]!);
    }
    return substituteTags(values, {
      ignore: skip,
      fallback: (tag) => this.definitionOption(tag),
      ...(this.kind === 'filter' ? { requireBuiltTags: FILTER_TAG_OPTIONS } : {}),
      context: `${where(this.file).slice(0, -2)}`,
    });
  }

  /** A [Definition] option by name for tag lookup (`known/x` reads the value before overrides). */
  private definitionOption(name: string): string | undefined {
    if (this.combinedCache.has(name)) return this.combinedCache.get(name);
    let value: string | undefined;
    try {
      const slash = /^([\w-]+)\/([^\s>]+)$/.exec(name);
      if (slash) {
        const sections = slash[1]!.toLowerCase() === 'known' ? ['KNOWN/Definition', 'Definition'] : [slash[1]!];
        for (const section of sections) {
          if (!this.tree.sections.has(section) && section !== 'DEFAULT') continue;
          value = section === 'DEFAULT' ? this.tree.defaults.get(slash[2]!)?.value : this.tree.get(section, slash[2]!);
          if (value !== undefined) break;
        }
      }
      if (value === undefined && this.tree.sections.has('Definition')) value = this.tree.get('Definition', name, this.vars);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      value = undefined;
    }
    this.combinedCache.set(name, value);
    return value;
  }
}
