/** @module _interpolate: Python ConfigParser's `%(name)s` interpolation, with a depth limit instead of a hang. */
import { ConfigError, where } from './errors.js';
import type { IniValue } from './_ini.js';

/** Finds the raw entry a `%(name)s` reference names (already lower-cased). */
export type Lookup = (name: string) => IniValue | undefined;

/** Python's MAX_INTERPOLATION_DEPTH. */
const MAX_DEPTH = 10;

/** Expands `%(name)s` and `%%` in `text`; `origin` names the option for error messages. */
export function interpolate(text: string, lookup: Lookup, origin: Pick<IniValue, 'file' | 'line'>, option: string): string {
  return expand(text, lookup, origin, option, 1);
}

function expand(text: string, lookup: Lookup, origin: Pick<IniValue, 'file' | 'line'>, option: string, depth: number): string {
  if (!text.includes('%')) return text;
  if (depth > MAX_DEPTH) {
    throw new ConfigError(
      'E_CONFIG_INTERPOLATION',
      `${where(origin.file, origin.line)}option '${option}': interpolation deeper than ${MAX_DEPTH} levels (a reference loop?)`,
    );
  }
  let out = '';
  let rest = text;
  while (rest.length > 0) {
    const at = rest.indexOf('%');
    if (at < 0) {
      out += rest;
      break;
    }
    out += rest.slice(0, at);
    rest = rest.slice(at);
    const next = rest[1];
    if (next === '%') {
      out += '%';
      rest = rest.slice(2);
      continue;
    }
    const ref = /^%\(([^)]+)\)s/.exec(rest);
    if (next !== '(' || !ref) {
      throw new ConfigError(
        'E_CONFIG_INTERPOLATION',
        `${where(origin.file, origin.line)}option '${option}': '%' must be followed by '%' or '(name)s', found '${rest.slice(0, 12)}'`,
      );
    }
    const name = ref[1]!.toLowerCase();
    const target = lookup(name);
    if (!target) {
      throw new ConfigError(
        'E_CONFIG_INTERPOLATION',
        `${where(origin.file, origin.line)}option '${option}': '%(${ref[1]})s' names no option`,
      );
    }
    out += expand(target.value, lookup, origin, option, depth + 1);
    rest = rest.slice(ref[0].length);
  }
  return out;
}
