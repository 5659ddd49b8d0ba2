/** @module values: checks and converts the argument words of commands (numbers, durations, addresses, names). */
import { isIP } from 'node:net';
import { parseDuration as parseConfigDuration } from '@f2b/config-reader';
import { CommandError } from './errors.js';
import type { LogLevel, UseDns } from './command.js';

/** Longest argument word we accept; regexes and commands are long, but not megabytes. */
export const MAX_WORD_LENGTH = 8192;

/** `10m`, `1h 30m`, `3600`, `-1` → seconds (Fail2Ban's time expressions); `null` when the text is not a duration. */
export function parseDuration(text: string): number | null {
  if (text.length > 100) return null;
  try {
    return parseConfigDuration(text);
  } catch {
    return null;
  }
}

/** The word after `context` must be a duration. */
export function readDuration(context: string, word: string): number {
  const seconds = parseDuration(word);
  if (seconds === null) throw new CommandError(`${context}: '${clip(word)}' is not a duration (e.g. 600, 10m, 1h 30m)`);
  return seconds;
}

/** The word must be a whole number, at least `min`. */
export function readInteger(context: string, word: string, min = 0): number {
  if (!/^-?\d{1,15}$/.test(word)) throw new CommandError(`${context}: '${clip(word)}' is not a number`);
  const value = Number(word);
  if (value < min) throw new CommandError(`${context}: ${value} is below the minimum ${min}`);
  return value;
}

/** The word must be a number (fractions allowed). */
export function readNumber(context: string, word: string): number {
  if (!/^-?\d{1,15}(?:\.\d{1,15})?$/.test(word)) throw new CommandError(`${context}: '${clip(word)}' is not a number`);
  return Number(word);
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/** Fail2Ban's boolean words: true/yes/on/1 and false/no/off/0. */
export function readBoolean(context: string, word: string): boolean {
  const lower = word.toLowerCase();
  if (TRUE_WORDS.has(lower)) return true;
  if (FALSE_WORDS.has(lower)) return false;
  throw new CommandError(`${context}: '${clip(word)}' is not a boolean (expected true, false, yes, no, on, off)`);
}

/** One of a fixed set of words. */
export function readChoice<T extends string>(context: string, word: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === word);
  if (found === undefined) throw new CommandError(`${context}: '${clip(word)}' is not valid (expected ${choices.join(', ')})`);
  return found;
}

export const USE_DNS: readonly UseDns[] = ['yes', 'warn', 'no', 'raw'];

const LOG_LEVELS: ReadonlyArray<readonly [LogLevel, number]> = [
  ['CRITICAL', 50],
  ['ERROR', 40],
  ['WARNING', 30],
  ['NOTICE', 25],
  ['INFO', 20],
  ['DEBUG', 10],
  ['TRACEDEBUG', 7],
  ['HEAVYDEBUG', 5],
];

/** A level name (any case) or its number; numbers between levels round up to the next stricter level. */
export function readLogLevel(context: string, word: string): LogLevel {
  const upper = word.toUpperCase();
  const named = LOG_LEVELS.find(([name]) => name === upper);
  if (named) return named[0];
  if (/^\d{1,2}$/.test(word)) {
    const value = Number(word);
    const level = [...LOG_LEVELS].reverse().find(([, number]) => number >= value);
    if (value >= 5 && level) return level[0];
  }
  throw new CommandError(
    `${context}: '${clip(word)}' is not a log level (expected ${LOG_LEVELS.map(([name]) => name).join(', ')} or 5..50)`,
  );
}

/** Jail and action names: letters, digits and `_ . - @ + :`, as section names in jail.conf use. */
export function readName(context: string, word: string | undefined, what = 'jail'): string {
  if (word === undefined || word === '') throw new CommandError(`${context}: missing ${what} name`);
  if (!/^[A-Za-z0-9_.@+:-]{1,100}$/.test(word)) throw new CommandError(`${context}: '${clip(word)}' is not a valid ${what} name`);
  return word;
}

/** An IPv4 or IPv6 address. */
export function readIp(context: string, word: string): string {
  if (isIP(word) === 0) throw new CommandError(`${context}: '${clip(word)}' is not an IP address`);
  return word;
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_-]{1,63})*\.?$/;

/** An ignoreip entry: an address, a network in CIDR form, or a host name. */
export function readIgnoreAddress(context: string, word: string): string {
  const slash = word.indexOf('/');
  if (slash >= 0) {
    const family = isIP(word.slice(0, slash));
    const bits = word.slice(slash + 1);
    const max = family === 4 ? 32 : 128;
    if (family !== 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= max) return word;
    if (family === 4 && isIP(bits) === 4) return word; // dotted netmask: 10.0.0.0/255.0.0.0
    throw new CommandError(`${context}: '${clip(word)}' is not a network (expected ADDRESS/BITS)`);
  }
  if (isIP(word) !== 0 || HOST_NAME.test(word)) return word;
  throw new CommandError(`${context}: '${clip(word)}' is not an address, network or host name`);
}

/** Non-empty free text without NUL; the length is bounded by the message size limit. */
export function readText(context: string, word: string | undefined, what = 'value'): string {
  if (word === undefined) throw new CommandError(`${context}: missing ${what}`);
  if (word.includes('\0')) throw new CommandError(`${context}: ${what} contains a NUL character`);
  return word;
}

/** Shortens a word for an error message so hostile input cannot flood a log line. */
export function clip(word: string, max = 60): string {
  const printable = word.replace(/[\x00-\x1f\x7f]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}
