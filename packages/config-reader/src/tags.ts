/** @module tags: Fail2Ban's recursive `<tag>` substitution among an option set (config time and run time). */
import { ConfigError } from './errors.js';

/** A tag reference: `<name>` with no spaces or angle brackets inside. */
const TAG_RE = /<([^ <>]+)>/g;
/** Fail2Ban stops a tag that keeps reappearing after this many replacements. */
const MAX_TAG_REPLACE_COUNT = 25;

/** Options for {@link substituteTags}. */
export interface SubstituteTagsOptions {
  /** Tags never replaced (run-time tags such as `matches`). */
  readonly ignore?: ReadonlySet<string>;
  /** A condition such as `family=inet6`: `<tag>` takes `tag?family=inet6` first when present. */
  readonly conditional?: string;
  /** Looks up a tag not among `values` (Fail2Ban: the file's other [Definition] options). */
  readonly fallback?: (tag: string) => string | undefined;
  /** Names the option set in error messages (`action 'iptables'`). */
  readonly context?: string;
  /**
   * Options in which a tag whose name another tag built (`<mdre-<mode>>` with mode=bogus gives
   * `<mdre-bogus>`) must name something: an unknown mode is an error here instead of a regex that
   * looks for the text `<mdre-bogus>`.
   */
  readonly requireBuiltTags?: ReadonlySet<string>;
}

/** A tag name that substitution built inside another tag: which tag gave which value. */
interface BuiltTag {
  readonly from: string;
  readonly value: string;
}

/**
 * Replaces `<tag>` references inside every value by the values of other tags, recursively
 * (a value may build a tag name: `<mdre-<mode>>`). Unknown tags stay as text. A tag that refers to
 * itself, directly or through a loop, is an error rather than a hang.
 */
export function substituteTags(values: ReadonlyMap<string, string>, options: SubstituteTagsOptions = {}): Map<string, string> {
  const { ignore = new Set<string>(), conditional, fallback } = options;
  const tags = new Map(values);
  const done = new Set<string>();
  const counts = new Map<string, Map<string, number>>();
  const keys = [...tags.keys()];
  const built = new Map<string, BuiltTag>();
  for (;;) {
    let again = false;
    for (const tag of keys) {
      if (ignore.has(tag) || done.has(tag)) continue;
      const original = tags.get(tag)!;
      let value = original;
      const replaced = counts.get(tag) ?? new Map<string, number>();
      let match = search(value, 0);
      while (match) {
        const ref = match[1]!;
        const end = match.index + match[0].length;
        if (ignore.has(ref)) {
          match = search(value, end);
          continue;
        }
        if (ref === tag || (replaced.get(ref) ?? 1) > MAX_TAG_REPLACE_COUNT) {
          throw new ConfigError(
            'E_CONFIG_TAGS',
            `${options.context ? `${options.context}: ` : ''}option '${tag}' refers to itself through <${ref}> and cannot be resolved`,
          );
        }
        const replacement =
          (conditional ? tags.get(`${ref}?${conditional}`) : undefined) ?? tags.get(ref) ?? fallback?.(ref);
        if (replacement === undefined) {
          match = search(value, end);
          continue;
        }
        if (options.requireBuiltTags) noteBuiltTags(value, ref, replacement, built);
        value = value.split(`<${ref}>`).join(replacement);
        replaced.set(ref, (replaced.get(ref) ?? 0) + 1);
        match = search(value, match.index);
      }
      if (value !== original) {
        if (search(value, 0)) {
          counts.set(tag, replaced);
          again = true;
        }
        tags.set(tag, value);
      }
      if (!value.includes('<')) done.add(tag);
    }
    if (!again) {
      if (options.requireBuiltTags) checkBuiltTags(tags, options.requireBuiltTags, built, options.context);
      return tags;
    }
  }
}

const TAG_NAME_STOP = new Set([' ', '<', '>']);

/** Records the names built where `<ref>` sits inside another tag's name (`<mdre-<mode>>`). */
function noteBuiltTags(value: string, ref: string, replacement: string, built: Map<string, BuiltTag>): void {
  if ([...replacement].some((c) => TAG_NAME_STOP.has(c))) return;
  const written = `<${ref}>`;
  for (let at = value.indexOf(written); at >= 0; at = value.indexOf(written, at + written.length)) {
    let open = at - 1;
    while (open >= 0 && !TAG_NAME_STOP.has(value[open]!)) open--;
    let close = at + written.length;
    while (close < value.length && !TAG_NAME_STOP.has(value[close]!)) close++;
    if (open < 0 || value[open] !== '<' || value[close] !== '>') continue;
    const name = value.slice(open + 1, at) + replacement + value.slice(at + written.length, close);
    if (!built.has(name)) built.set(name, { from: ref, value: replacement });
  }
}

/** Throws when a required option still holds a built tag name that nothing defined. */
function checkBuiltTags(tags: ReadonlyMap<string, string>, required: ReadonlySet<string>, built: ReadonlyMap<string, BuiltTag>, context?: string): void {
  if (built.size === 0) return;
  for (const option of required) {
    const value = tags.get(option);
    if (value === undefined) continue;
    for (let match = search(value, 0); match; match = search(value, match.index + match[0].length)) {
      const origin = built.get(match[1]!);
      if (!origin) continue;
      throw new ConfigError(
        'E_CONFIG_TAGS',
        `${context ? `${context}: ` : ''}option '${option}': ${origin.from} '${origin.value}' selects <${match[1]}>, which is not defined`,
      );
    }
  }
}

function search(text: string, from: number): RegExpExecArray | null {
  TAG_RE.lastIndex = from;
  return TAG_RE.exec(text);
}
