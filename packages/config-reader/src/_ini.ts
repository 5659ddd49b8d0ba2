/** @module _ini: parse one INI file the way Python's ConfigParser does for Fail2Ban. */
import { ConfigError, where } from './errors.js';

/** One option as written: its value (continuation lines joined by `\n`) and where it starts. */
export interface IniValue {
  value: string;
  file: string;
  line: number;
}

/** Section name → option name (lower-cased, as ConfigParser's optionxform) → value. */
export type IniSections = Map<string, Map<string, IniValue>>;

/** A parsed file: `[DEFAULT]` apart from the other sections, in file order. */
export interface IniFile {
  file: string;
  defaults: Map<string, IniValue>;
  sections: IniSections;
  /** Line of each section's header. */
  headers: Map<string, number>;
}

const SECTION_RE = /^\[(?<name>.+)\]/;
// ConfigParser's option template: the name is everything up to the first `=` or `:`.
const OPTION_RE = /^(?<key>.*?)\s*[=:]\s*(?<value>.*)$/;

interface Pending {
  entry: IniValue;
  lines: string[];
  indent: number;
}

/**
 * Parses INI text with ConfigParser's rules as Fail2Ban configures them: `=`/`:` delimiters,
 * `#`/`;` full-line comments, `;` inline comments after whitespace, indented continuation lines,
 * empty lines kept inside values, option names lower-cased, duplicates in one file an error.
 */
export function parseIni(text: string, file: string): IniFile {
  const result: IniFile = { file, defaults: new Map(), sections: new Map(), headers: new Map() };
  let current: Map<string, IniValue> | null = null;
  let pending: Pending | null = null;
  const seenSections = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);

  const finish = () => {
    if (pending) pending.entry.value = pending.lines.join('\n').replace(/\s+$/, '');
    pending = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    const content = stripComment(raw);
    if (content === null || content.trim() === '') {
      // A comment line neither ends nor extends a value; an empty line is part of a value.
      if (content !== null && pending) pending.lines.push('');
      else if (content !== null) pending = null;
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    if (pending && indent > pending.indent) {
      pending.lines.push(content.trim());
      continue;
    }
    finish();
    const section = SECTION_RE.exec(content.trim());
    if (section) {
      const name = section.groups!['name']!;
      if (seenSections.has(name)) {
        throw new ConfigError('E_CONFIG_SYNTAX', `${where(file, lineNo)}section '${name}' already exists in this file`);
      }
      seenSections.add(name);
      result.headers.set(name, lineNo);
      current = name === 'DEFAULT' ? result.defaults : new Map();
      if (name !== 'DEFAULT') result.sections.set(name, current);
      continue;
    }
    if (!current) {
      throw new ConfigError('E_CONFIG_SYNTAX', `${where(file, lineNo)}option outside any [section]: '${clip(content.trim())}'`);
    }
    const option = OPTION_RE.exec(content.trim());
    if (!option || option.groups!['key'] === '') {
      throw new ConfigError('E_CONFIG_SYNTAX', `${where(file, lineNo)}expected 'name = value', got '${clip(content.trim())}'`);
    }
    const key = option.groups!['key']!.trimEnd().toLowerCase();
    if (current.has(key)) {
      throw new ConfigError('E_CONFIG_SYNTAX', `${where(file, lineNo)}option '${key}' already set in this section (line ${current.get(key)!.line})`);
    }
    const entry: IniValue = { value: '', file, line: lineNo };
    current.set(key, entry);
    pending = { entry, lines: [option.groups!['value']!.trim()], indent };
  }
  finish();
  return result;
}

/** The line without its comment; null for a full-line comment. */
function stripComment(line: string): string | null {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('#') || trimmed.startsWith(';')) return null;
  // An inline `;` comment must follow whitespace (Python: inline_comment_prefixes=";").
  const inline = /\s;/.exec(line);
  return inline ? line.slice(0, inline.index) : line;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
