/** @module pattern: compiles one datepattern line (strptime directives inside a Python regex) into a Template. */
import { ALPHA_DIRECTIVES, type Directive } from './_directives.js';
import { DatePatternError } from './errors.js';
import { Template, type FastMatcher, type FastSpan, type TemplateInit } from './_template.js';
import { NON_WORD, translatePythonRegex, TranslateError, WORD } from './_translate.js';
import { pooledPrefilter, withoutOptionalEnds, type LinePrefilter, type PrefilterPool } from './_prefilter.js';

/**
 * Before a date that must start a word (Python's `(?=^|\b|\W)`): at a position with `a` = "a word
 * character comes before" and `b` = "a word character comes next", Python's test holds when not
 * `a` or not `b`, except at the end of a non-empty text after a non-word character (there `\b` and
 * `\W` fail and `^` does not apply). Spelled that way rather than as its four alternatives: each
 * unanchored template runs this test at every position of every line it is tried on, and the
 * literal spelling (with the complement class `[^\p{L}\p{N}_]`, which V8 matches slowly) made the
 * 31 default templates cost ~25 µs per access-log line, against ~5 µs now.
 */
export const WORD_BEGIN = `(?:(?!${WORD})|(?<!${WORD}))(?!(?![\\s\\S])(?<!${WORD})(?<=[\\s\\S]))`;
/** After a date that must end a word (Python's `(?=\b|\W|$)`). */
export const WORD_END = `(?!(?<=${WORD})${WORD})`;
/** `{^LN-BEG}`: the date starts the line, after at most two non-word characters. */
/** A Unicode property escape (`\p{L}`, `\P{N}` …) in a JavaScript regex source. */
const PROPERTY_CLASS = /\\[pP]\{[^}]*\}/g;

export const LINE_START = `^${NON_WORD}{0,2}`;

const NO_BOUND_BEGIN = /^\(*(?:\(\?\w+\))?(?:\^|\(*\*\*|\((?:\?:)?\^)/;
const NO_BOUND_END = /(?<!\\)(?:\$\)?|\\b|\\s|\*\*\)*)$/;
const LINE_BOUND_BEGIN = /^(?:\(\?\w+\))?(?:\^|\((?:\?:)?\^(?!\|))/;
const LINE_BOUND_END = /(?<![\\|])\$\)?$/;
const GLOBAL_FLAGS = /\(\?[a-z]+\)/;
const EPOCH_MARK = /(?<!\\)\{(L?)EPOCH\}/gi;

/** Python's test for "has a plain capturing group": `(` not escaped, not `(?…`, not inside `(?(`. */
function hasPlainGroup(regex: string): boolean {
  return /(?<!\(\?)(?<!\\)\((?!\?)/.test(regex);
}

/** Expands `%` directives into regex text and the template's display name. */
function expandDirectives(pattern: string, line: string, directives: ReadonlyMap<string, Directive>): { regex: string; name: string; alpha: boolean } {
  let regex = '';
  let name = '';
  let alpha = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c !== '%') {
      regex += c;
      name += c;
      continue;
    }
    const ex = pattern.slice(i + 1, i + 4);
    let key = pattern[i + 1] ?? '';
    if (ex.startsWith('Ex') && directives.has(ex)) key = ex;
    const directive = directives.get(key);
    if (directive === undefined) {
      const shown = ex.startsWith('Ex') ? `%${ex}` : `%${key}`;
      throw new DatePatternError(line, shown, key === '' ? "ends with a lone '%' (write %% for a percent sign)" : `unknown directive '${shown}' (expected one of ${[...directives.keys()].map((k) => `%${k}`).join(' ')})`);
    }
    if (ALPHA_DIRECTIVES.has(key)) alpha = true;
    regex += directive.regex;
    name += directive.name;
    i += key.length;
  }
  return { regex, name, alpha };
}

/** Options of {@link compileDatePattern}. */
export interface CompileOptions {
  readonly directives: ReadonlyMap<string, Directive>;
  /** The datepattern line as the user wrote it, for error messages. */
  readonly line?: string;
  /** A hand-written matcher equivalent to the compiled regex. */
  readonly fast?: FastMatcher;
  /** Where `fast` looks, for a date mid-line (see FastSpan). */
  readonly fastSpan?: FastSpan;
  /**
   * Compile the regex on first use instead of now: only for the built-in defaults, known to be
   * valid; a user's pattern is compiled at once so a bad one fails where it is read.
   */
  readonly lazy?: boolean;
  /** Where the templates of one detector share their prefilters (see _prefilter.ts); none without it. */
  readonly prefilters?: PrefilterPool;
}

/**
 * Compiles one datepattern the way Fail2Ban does: `{UNB}` drops the word
 * boundaries, `{^LN-BEG}` ties the date to the line start, `**` at either end
 * drops that boundary, `{EPOCH}`/`{LEPOCH}` mark an epoch number, and the date
 * span is the first capture group (the whole date unless the pattern has one).
 */
export function compileDatePattern(pattern: string, options: CompileOptions): Template {
  const line = options.line ?? pattern;
  let text = pattern;
  let wordBegin: boolean | 'start' = true;
  let wordEnd = true;
  if (text.startsWith('{UNB}')) {
    text = text.slice(5);
    wordBegin = wordEnd = false;
  }
  if (wordBegin && text.startsWith('{^LN-BEG}')) {
    text = text.slice(9);
    wordBegin = 'start';
  }
  EPOCH_MARK.lastIndex = 0;
  const epoch = EPOCH_MARK.test(text);
  let epochGrouped = false;
  let regex: string;
  let name: string;
  let alpha = false;
  if (epoch) {
    const long = /\{LEPOCH\}/i.test(text);
    const number = long ? '\\d{10,11}(?:\\d{3}(?:\\.\\d{1,6}|\\d{3})?)?' : '\\d{10,11}\\b(?:\\.\\d{3,6})?';
    const field = long ? 'LEPOCH' : 'EPOCH';
    // Fail2Ban 1.1: a pattern with a group of its own cuts out that group, not the whole match.
    epochGrouped = hasPlainGroup(text);
    const marked = text.replace(EPOCH_MARK, () => `(?P<${field}>${number})`);
    regex = epochGrouped ? marked : `(${marked})`;
    name = pattern;
  } else {
    ({ regex, name, alpha } = expandDirectives(text, line, options.directives));
  }
  regex = regex.trim();
  const flagsMatch = GLOBAL_FLAGS.exec(regex);
  if (flagsMatch !== null) regex = regex.replace(GLOBAL_FLAGS, '');
  const boundBegin = wordBegin !== false && !NO_BOUND_BEGIN.test(regex);
  const boundEnd = wordEnd && !NO_BOUND_END.test(regex);
  const wrapped = !hasPlainGroup(regex);
  if (wrapped) {
    const m = /^((?:\(\?\w+\))?\^?(?:\(\?\w+\))?)([\s\S]*?)(\$?)$/.exec(regex);
    if (m !== null) regex = `${m[1]}(${m[2]})${m[3]}`;
  }
  let prefix = '';
  let lineBegin = false;
  if (boundBegin) {
    if (wordBegin === 'start') {
      prefix = LINE_START;
      lineBegin = true;
      if (!name.startsWith('{^LN-BEG}')) name = `{^LN-BEG}${name}`;
    } else {
      prefix = WORD_BEGIN;
    }
  } else if (LINE_BOUND_BEGIN.test(regex)) {
    lineBegin = true;
  }
  const lineEnd = LINE_BOUND_END.test(regex);
  regex = regex.replace(/^(\(*(?:\(\?\w+\))?\(*)\*\*/, '$1').replace(/(?<!\\)\*\*(\)*)$/, '$1');
  if (flagsMatch !== null) regex = flagsMatch[0] + regex;
  const shown = epoch ? null : pattern;
  const build = (): TemplateInit => {
    let translation;
    try {
      translation = translatePythonRegex(regex);
    } catch (error) {
      if (error instanceof TranslateError) throw new DatePatternError(line, error.construct, error.message);
      throw error;
    }
    const flags = (alpha || translation.ignoreCase ? 'i' : '') + (translation.dotAll ? 's' : '');
    // Anchored templates fail at once off the line's start; a hand-written matcher decides alone.
    const prefilter = options.prefilters === undefined || lineBegin || lineEnd || flagsMatch !== null || options.fast !== undefined
      ? undefined : corePrefilter(options.prefilters, regex, flags);
    return {
      name,
      source: prefix + translation.source + (boundEnd ? WORD_END : ''),
      flags,
      groups: translation.groups,
      spanIsTail: wrapped || (epoch && !epochGrouped),
      ...(boundEnd ? { tail: WORD_END } : {}),
      lineBegin,
      lineEnd,
      pattern: shown,
      ...(options.fast === undefined ? {} : { fast: options.fast }),
      ...(options.fastSpan === undefined ? {} : { fastSpan: options.fastSpan }),
      ...(prefilter === undefined ? {} : { prefilter }),
    };
  };
  // A built-in default is known to be valid: it is translated when first tried, as most never are.
  if (options.lazy === true) return new Template({ name, pattern: shown, lineBegin, lineEnd, build });
  const init = build();
  try {
    const template = new Template(init);
    // Checked at once, compiled on first use: V8 builds Unicode property classes (`\p{L}` of the word
    // bounds) slowly, about half a millisecond a regex, and a `{DATE}` line makes ~17 templates. The
    // same source with each property class spelled as one letter has exactly the same syntax.
    new RegExp(init.source.replace(PROPERTY_CLASS, 'a'), template.flagsForCheck);
    return template;
  } catch (error) {
    throw new DatePatternError(line, line, `invalid regular expression: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The pooled prefilter of a template whose Python regex is `regex`: the regex without its optional
 * ends and without word bounds, with the template's flags, translated and compiled on first use.
 */
function corePrefilter(pool: PrefilterPool, regex: string, flags: string): LinePrefilter | undefined {
  const core = withoutOptionalEnds(regex);
  if (core === null) return undefined;
  return pooledPrefilter(pool, `${flags}/${core}`, () => {
    try {
      const test = new RegExp(translatePythonRegex(core).source, `u${flags}`);
      return (line) => test.test(line);
    } catch {
      // (a named back-reference into a removed part, say): the template's own regex decides
      return null;
    }
  });
}
