/** @module options: `name[k=v, k2="quoted, with comma"]` references to filters, actions and backends. */
import { ConfigError } from './errors.js';

/** A name with its bracketed options. */
export interface NamedOptions {
  readonly name: string;
  readonly options: Record<string, string>;
}

/** An option name, optionally conditional (Fail2Ban 1.1: `blocktype?family=inet6`). */
const KEY_RE = /^[\w\-.]+(?:\?[\w\-.]+=[\w\-.]+)?/;

/**
 * Parses `name[k=v, k2="v, 2", k3='v3'][k4=v4]` (several bracket groups allowed, as Fail2Ban).
 * `context` names the option in error messages.
 */
export function parseNamedOptions(text: string, context: string): NamedOptions {
  const open = text.indexOf('[');
  if (open < 0) return { name: text.trim(), options: {} };
  const name = text.slice(0, open).trim();
  const close = text.lastIndexOf(']');
  if (name === '' || close < open || text.slice(close + 1).trim() !== '') {
    throw new ConfigError('E_CONFIG_SYNTAX', `${context}: expected 'name[key=value, …]', got '${clip(text)}'`);
  }
  return { name, options: parseOptionList(text.slice(open + 1, close), context) };
}

function parseOptionList(body: string, context: string): Record<string, string> {
  const options: Record<string, string> = {};
  let pos = 0;
  const fail = (what: string): never => {
    throw new ConfigError('E_CONFIG_SYNTAX', `${context}: ${what} at '${clip(body.slice(pos))}'`);
  };
  for (;;) {
    while (/\s/.test(body[pos] ?? '')) pos++;
    if (pos >= body.length) return options;
    const key = KEY_RE.exec(body.slice(pos));
    if (!key || body[pos + key[0].length] !== '=') fail('expected key=value');
    pos += key![0].length + 1;
    let value: string;
    const quote = body[pos];
    if (quote === '"' || quote === "'") {
      const end = body.indexOf(quote, pos + 1);
      if (end < 0) fail(`unclosed ${quote}`);
      value = body.slice(pos + 1, end);
      pos = end + 1;
    } else {
      const end = /[,\]]/.exec(body.slice(pos));
      value = end ? body.slice(pos, pos + end.index) : body.slice(pos);
      pos += value.length;
    }
    options[key![0].trim()] = value.trim();
    while (/\s/.test(body[pos] ?? '')) pos++;
    if (pos >= body.length) return options;
    if (body[pos] === ',') pos++;
    else if (body[pos] === ']') {
      // `][` starts the next option group
      pos++;
      while (/\s/.test(body[pos] ?? '')) pos++;
      if (body[pos] !== '[') fail("expected '[' after ']'");
      pos++;
    } else fail("expected ',' between options");
  }
}

/**
 * Splits a list of `name[options]` items written on several lines or separated by spaces,
 * keeping brackets (which may span lines and hold quoted spaces) with their name.
 */
export function splitNamedList(text: string): string[] {
  const items: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    if (pos >= text.length) break;
    const start = pos;
    while (pos < text.length && !/[\s[]/.test(text[pos]!)) pos++;
    let look = pos;
    while (look < text.length && /\s/.test(text[look]!)) look++;
    while (text[look] === '[' && look > start) {
      pos = skipBracket(text, look);
      look = pos;
      while (look < text.length && /\s/.test(text[look]!)) look++;
    }
    items.push(text.slice(start, pos).trim());
  }
  return items.filter((i) => i !== '');
}

/** Index after the `]` closing the bracket at `open`, skipping quoted text. */
function skipBracket(text: string, open: number): number {
  let pos = open + 1;
  while (pos < text.length && text[pos] !== ']') {
    const c = text[pos]!;
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, pos + 1);
      pos = end < 0 ? text.length : end + 1;
    } else pos++;
  }
  return Math.min(text.length, pos + 1);
}

/** Fail2Ban's word list: split on commas, spaces and new lines, empties dropped. */
export function splitWords(text: string | undefined): string[] {
  return (text ?? '').split(/[ ,\n]+/).map((w) => w.trim()).filter((w) => w !== '');
}

/** Fail2Ban's boolean reading: 1, on, true, yes (any case) are true; everything else false. */
export function parseBool(text: string | undefined): boolean {
  return ['1', 'on', 'true', 'yes'].includes((text ?? '').trim().toLowerCase());
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
