/** @module dynamic: run-time tags (`<ip>`, `<matches>`, `<F-USER>`) turned into shell variables, so log text is never parsed as shell code. */
import type { ShellCommand } from './types.js';

/**
 * Values made only of these characters mean the same to the shell quoted or not, in
 * any quoting context, so they are written into the script as they are (addresses,
 * numbers, simple names): the script stays readable and works inside `'…'` too.
 */
const SHELL_INERT = /^[A-Za-z0-9_.:/@+,=%-]*$/;

/** Longest value passed through the environment (Linux refuses a single string over 128 KiB). */
export const MAX_VALUE_LENGTH = 100_000;

type QuoteState = 'plain' | 'single' | 'double';

/** Looks a run-time tag up; undefined leaves `<tag>` as written (it may be shell syntax). */
export type DynamicLookup = (tag: string) => string | undefined;

function variableName(tag: string, used: Map<string, string>, value: string): string {
  const base = `F2B_${tag.toUpperCase().replace(/\W/g, '_')}`;
  let name = base;
  for (let i = 2; used.has(name) && used.get(name) !== value; i++) name = `${base}_${i}`;
  used.set(name, value);
  return name;
}

/** A reference to `name` that expands to exactly its value in the given quoting context. */
function referenceIn(state: QuoteState, name: string): string {
  if (state === 'double') return `\${${name}}`;
  // Inside '…' nothing expands: close the quote, expand double-quoted, reopen.
  if (state === 'single') return `'"\${${name}}"'`;
  return `"\${${name}}"`;
}

/**
 * Replaces run-time tags in `script` in one left-to-right pass (never recursively:
 * a value holding `<ip>` stays as it is). A value with any shell-active character goes
 * into the environment as `F2B_<TAG>` and the script refers to it, quoted for the
 * context it appears in (unquoted, `"…"` or `'…'`), so the shell expands it without
 * ever parsing it: `$(…)`, backticks, `;`, newlines and quotes in it stay text.
 */
export function substituteDynamicTags(script: string, lookup: DynamicLookup): ShellCommand {
  const env: Record<string, string> = {};
  const used = new Map<string, string>();
  let out = '';
  let state: QuoteState = 'plain';
  let i = 0;
  while (i < script.length) {
    const ch = script[i] as string;
    if (ch === '\\' && state !== 'single') {
      out += script.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === "'" && state !== 'double') state = state === 'single' ? 'plain' : 'single';
    else if (ch === '"' && state !== 'single') state = state === 'double' ? 'plain' : 'double';
    else if (ch === '<') {
      const match = /^<([^ <>]+)>/.exec(script.slice(i, i + 256));
      const tag = match?.[1];
      const value = tag === undefined ? undefined : lookup(tag);
      if (match && tag !== undefined && value !== undefined) {
        if (SHELL_INERT.test(value)) out += value;
        else {
          const name = variableName(tag, used, value);
          env[name] = value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value;
          out += referenceIn(state, name);
        }
        i += match[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return { script: out, env };
}

/** `<F-USER>` → `user`, with Fail2Ban's two renamed groups (`F-ID` → `fid`, `F-PORT` → `fport`). */
export function fieldNameOfTag(tag: string): string | undefined {
  const match = /^F-([A-Z0-9_-]+)$/.exec(tag);
  if (!match) return undefined;
  return (match[1] as string).toLowerCase();
}
