/** @module tags: config-time (trusted) tag substitution: `<chain>`, `<known/…>`, `[Init?family=…]` variants, recursion. */
import { hostname } from 'node:os';
import { TagRecursionError } from './errors.js';

/** Fail2Ban's tag syntax: anything but blanks and angle brackets between `<` and `>`. */
export const TAG_RE = /<([^ <>]+)>/g;

/** Replacement passes before a definition is declared self-referencing (Fail2Ban uses 25 too). */
const MAX_PASSES = 25;

/**
 * Tags whose values come from log lines: never taken from the options, even if an
 * option of that name exists, so they always go through the dynamic (escaped) path.
 */
export const HOSTILE_TAGS = new Set(['matches', 'ipmatches', 'ipjailmatches']);

/** The trusted values an action's commands are built from. */
export interface StaticTagSource {
  readonly action: string;
  readonly options: Readonly<Record<string, string>>;
  readonly conditional: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `known/NAME` values: the action file's own values before the jail's overrides. */
  readonly known: Readonly<Record<string, string>>;
}

function lookupStatic(source: StaticTagSource, tag: string, conditionKey: string): string | undefined {
  if (HOSTILE_TAGS.has(tag)) return undefined;
  if (conditionKey !== '') {
    const value = source.conditional[conditionKey]?.[tag];
    if (value !== undefined) return value;
  }
  const value = source.options[tag];
  if (value !== undefined) return value;
  if (tag.startsWith('known/')) {
    const name = tag.slice('known/'.length);
    // A jail passing `chain = <known/chain>` means "keep the action's own value".
    return source.known[name] ?? source.options[tag];
  }
  if (tag === 'br') return '\n';
  if (tag === 'sp') return ' ';
  if (tag === 'fq-hostname') return hostname();
  if (tag === 'sh-hostname') return hostname().split('.')[0] ?? '';
  return undefined;
}

/**
 * Replaces every tag with a trusted value, repeatedly, so values may hold tags
 * (`addr_set = addr-set-<name>`) and tag names may be built from tags
 * (`<rule_match-<type>>`: the inner tag goes first because tag names hold no `<`).
 * Tags without a value (`<ip>`, `<F-USER>`) stay for the dynamic pass.
 * `family` selects `[Init?family=…]` values; `''` means none.
 */
export function substituteStaticTags(
  source: StaticTagSource,
  option: string,
  query: string,
  family: string,
): string {
  const conditionKey = family === '' ? '' : `family=${family}`;
  let current = query;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    if (!current.includes('<')) return current;
    let lastTag = '';
    const next = current.replace(TAG_RE, (whole, tag: string) => {
      const value = lookupStatic(source, tag, conditionKey);
      if (value === undefined) return whole;
      lastTag = tag;
      return value;
    });
    if (next === current) return current;
    current = next;
    if (pass === MAX_PASSES - 1) throw new TagRecursionError(source.action, option, lastTag);
  }
  return current;
}
