/** @module _group-readers: builds Fail2Ban's groupdict of a match as one object literal, compiled per regex. */

/** Reads a match's groups into a fresh object; `base` supplies the keys the reader was built with. */
export type GroupReader = (m: RegExpExecArray, base: Readonly<Record<string, unknown>> | null) => Record<string, string | null>;

/**
 * A reader that returns `{ ...base, ...own }` for a match, where `own` maps `names[k]` to capture
 * `indexes[k]` (null when the group took no part, and then the base's value if it has that key) and
 * `base` has exactly the keys `baseNames`, in that order; null when this process forbids code generation (then read groups one by one).
 *
 * Why generated: a filter's regexes each give their groupdict a different set of keys. Filled in
 * one key at a time, every object started empty and grew through stores V8 could not specialise
 * (a megamorphic keyed store per group: 7% of f2b-regex's instructions on a 200,000-line sshd log). An object
 * literal gets its final shape at once. Keys are written as JSON strings and values as capture
 * numbers or base look-ups, so no text from a filter reaches the generated code unquoted.
 */
export function compileGroupReader(names: readonly string[], indexes: readonly number[], baseNames: readonly string[]): GroupReader | null {
  const own = new Map<string, number>();
  names.forEach((name, k) => {
    own.set(name, indexes[k] as number);
  });
  const fields: string[] = [];
  for (const name of baseNames) {
    const index = own.get(name);
    // A group of both that did not take part keeps the base's value (Fail2Ban 1.1: None never overrides).
    const key = JSON.stringify(name);
    fields.push(`${key}: ${index === undefined ? `b[${key}]` : `${capture(index)} ?? b[${key}]`}`);
  }
  for (const [name, index] of own) if (!baseNames.includes(name)) fields.push(`${JSON.stringify(name)}: ${capture(index)}`);
  try {
    return new Function('m', 'b', `"use strict"; return {${fields.join(', ')}};`) as GroupReader;
  } catch {
    // --disallow-code-generation-from-strings: the caller keeps its generic path.
    return null;
  }
}

function capture(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`bad capture index ${index}`);
  return `m[${index}] ?? null`;
}

/**
 * The keys a count-only run reads from a failure (see FilterOptions.countOnly): the multi-line id and
 * flags, the user (a connection's distinct users decide whether a success wipes its failures) and the
 * failure-id groups. `users` and `mlfpending` are set while merging. Every count object has all of
 * them, in this order (null when absent): one shape for every regex, so merging them is monomorphic.
 */
export const COUNT_KEYS = ['mlfid', 'nofail', 'mlfgained', 'mlfforget', 'user', 'ip4', 'ip6', 'dns', 'fid', 'cidr'] as const;

/** A failure as a count-only run keeps it (see {@link COUNT_KEYS}). */
export interface CountData {
  [key: string]: unknown;
  mlfid: unknown; nofail: unknown; mlfgained: unknown; mlfforget: unknown; user: unknown;
  ip4: unknown; ip6: unknown; dns: unknown; fid: unknown; cidr: unknown;
  users: string[] | null; mlfpending: unknown;
}

/** Reads a match into a {@link CountData}; `base` is the prefregex's (or null). */
export type CountReader = (m: RegExpExecArray, base: CountData | null) => CountData;

/**
 * A reader of the {@link COUNT_KEYS} of a match, with the values the full groupdict (laid over
 * `base`) would hold for them: own groups win over base ones unless they took no part, and `alt_` groups
 * (`altValues`, in the order they are applied) fill an own field that is still empty. Null when this
 * process forbids code generation.
 */
export function compileCountReader(names: readonly string[], indexes: readonly number[], altValues: readonly (readonly [string, string])[]): CountReader | null {
  const own = new Map<string, number>();
  for (const [k, name] of names.entries()) own.set(name, indexes[k] as number);
  const lines: string[] = [];
  const fields: string[] = [];
  COUNT_KEYS.forEach((key, k) => {
    const alts = altValues.filter(([, n]) => n === key);
    const index = own.get(key);
    if (index === undefined && alts.length === 0) {
      fields.push(`${key}: b === null ? null : b.${key}`);
      return;
    }
    lines.push(`let v${k} = ${index === undefined ? 'undefined' : capture(index)};`);
    for (const [alt] of alts) {
      const at = own.get(alt);
      if (at === undefined) continue;
      lines.push(`{ const a = ${capture(at)}; if (a && !v${k}) v${k} = a; }`);
    }
    // A group that took no part keeps the base's value (Fail2Ban 1.1: None never overrides).
    fields.push(`${key}: v${k} ?? (b === null ? null : b.${key})`);
  });
  fields.push('users: null', 'mlfpending: null');
  try {
    return new Function('m', 'b', `"use strict"; ${lines.join(' ')} return {${fields.join(', ')}};`) as CountReader;
  } catch {
    return null;
  }
}
