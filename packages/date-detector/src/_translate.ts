/** @module translate: rewrites a datepattern regex (Python `re` syntax) into a JavaScript `u`-mode regex source. */
import { FIELD_KEYS, type FieldKey } from './_fields.js';

/** Python's `\w` is Unicode-aware; JavaScript's is ASCII, so spell it out. */
export const WORD = '[\\p{L}\\p{N}_]';
export const NON_WORD = '[^\\p{L}\\p{N}_]';
const WORD_IN_CLASS = '\\p{L}\\p{N}_';
const BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
const NOT_BOUNDARY = `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const SIMPLE_ESCAPES = new Set('dDsStnrfv0'.split(''));

/** Result of a translation: the JS source, its flags, and what each capture group holds. */
export interface Translation {
  readonly source: string;
  /** `groups[i]` = field captured by group i (1-based), or null for other groups. */
  readonly groups: ReadonlyArray<FieldKey | null>;
  readonly ignoreCase: boolean;
  readonly dotAll: boolean;
}

/** Thrown by {@link translatePythonRegex}; the caller wraps it into a DatePatternError. */
export class TranslateError extends Error {
  constructor(readonly construct: string, message: string) {
    super(message);
  }
}

/** Index just past a `{n}`, `{n,}`, `{,m}` or `{n,m}` quantifier starting at `i`, or -1. */
function quantifierEnd(src: string, i: number): number {
  const m = /^\{(\d*)(,?)(\d*)\}/.exec(src.slice(i, i + 24));
  if (m === null || (m[1] === '' && m[3] === '') || (m[1] === '' && m[2] === '')) return -1;
  return i + m[0].length;
}

function translateEscape(next: string, inClass: boolean): string {
  if (next === 'w') return inClass ? WORD_IN_CLASS : WORD;
  if (next === 'W') return inClass ? '\\W' : NON_WORD;
  if (next === 'b') return inClass ? '\\b' : BOUNDARY;
  if (next === 'B' && !inClass) return NOT_BOUNDARY;
  if (next === 'A' && !inClass) return '^';
  if (next === 'Z' && !inClass) return '$';
  if (SIMPLE_ESCAPES.has(next) || /[1-9]/.test(next)) return `\\${next}`;
  if (SYNTAX.has(next) || (inClass && next === '-')) return `\\${next}`;
  if (/[A-Za-z]/.test(next)) throw new TranslateError(`\\${next}`, `unsupported escape '\\${next}'`);
  return next;
}

/**
 * Translates Python regex syntax: `(?P<name>` (a strptime field name makes the
 * group a field), `(?P=name)`, inline global flags, `\A`/`\Z`, Unicode `\w`/`\b`,
 * lone braces. Conditionals `(?(…)` have no JavaScript form and are rejected.
 */
export function translatePythonRegex(src: string): Translation {
  let out = '';
  const groups: Array<FieldKey | null> = [null];
  let ignoreCase = false;
  let dotAll = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined) throw new TranslateError('\\', 'pattern ends with a lone backslash');
      out += translateEscape(next, false);
      i += 2;
    } else if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (src[j] === '^') cls += src[j++];
      if (src[j] === ']') {
        cls += '\\]';
        j++;
      }
      while (j < src.length && src[j] !== ']') {
        if (src[j] === '\\' && j + 1 < src.length) {
          cls += translateEscape(src[j + 1] as string, true);
          j += 2;
        } else {
          cls += src[j] === '[' ? '\\[' : src[j];
          j++;
        }
      }
      if (j >= src.length) throw new TranslateError('[', 'unterminated character class');
      out += `${cls}]`;
      i = j + 1;
    } else if (c === '(') {
      const rest = src.slice(i, i + 40);
      const named = /^\(\?P?<([A-Za-z_]\w*)>/.exec(rest);
      const backref = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest);
      const flags = /^\(\?([aiLmsux]+)\)/.exec(rest);
      if (named !== null) {
        const name = named[1] as string;
        if (FIELD_KEYS.has(name)) {
          groups.push(name as FieldKey);
          out += '(';
        } else {
          groups.push(null);
          out += `(?<${name}>`;
        }
        i += named[0].length;
      } else if (backref !== null) {
        out += `\\k<${backref[1]}>`;
        i += backref[0].length;
      } else if (flags !== null) {
        const set = flags[1] as string;
        if (/[Lx]/.test(set)) throw new TranslateError(flags[0], `unsupported inline flag '${flags[0]}'`);
        if (set.includes('i')) ignoreCase = true;
        if (set.includes('s')) dotAll = true;
        i += flags[0].length;
      } else if (rest.startsWith('(?#')) {
        const close = src.indexOf(')', i);
        if (close < 0) throw new TranslateError('(?#', 'unterminated comment group');
        i = close + 1;
      } else if (/^\(\?(?::|=|!|<=|<!)/.test(rest)) {
        const head = /^\(\?(?::|=|!|<=|<!)/.exec(rest)?.[0] as string;
        out += head;
        i += head.length;
      } else if (rest.startsWith('(?')) {
        const construct = rest.startsWith('(?(') ? '(?(' : rest.slice(0, 3);
        throw new TranslateError(construct, `unsupported group '${construct}'`);
      } else {
        groups.push(null);
        out += '(';
        i++;
      }
    } else if (c === '{') {
      const end = quantifierEnd(src, i);
      if (end < 0) {
        out += '\\{';
        i++;
      } else {
        out += src.slice(i, end).replace('{,', '{0,');
        i = end;
      }
    } else if (c === '}' || c === ']') {
      out += `\\${c}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return { source: out, groups, ignoreCase, dotAll };
}
