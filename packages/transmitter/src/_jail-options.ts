/** @module jail-options: the jail settings that take one value, as a table that drives both parsing and help. */
import type { JailSetting } from './command.js';
import { readBoolean, readChoice, readDuration, readInteger, readNumber, readText, USE_DNS } from './_values.js';
import { CommandError } from './errors.js';

/** How the value word of a one-value setting is read. */
type ValueKind = 'boolean' | 'onoff' | 'duration' | 'integer' | 'positive' | 'number' | 'numbers' | 'text' | 'usedns';

interface ValueOption {
  readonly kind: ValueKind;
  /** Placeholder shown in help. */
  readonly arg: string;
  readonly help: string;
}

/** `set JAIL OPTION VALUE` settings with one value; `get JAIL OPTION` reads each of them back. */
export const JAIL_VALUE_OPTIONS = {
  idle: { kind: 'onoff', arg: 'on|off', help: 'sets the idle state of <JAIL>' },
  ignoreself: { kind: 'boolean', arg: 'true|false', help: 'allows the ignoring of own IP addresses' },
  ignorecommand: { kind: 'text', arg: '<VALUE>', help: 'sets ignorecommand of <JAIL>' },
  ignorecache: { kind: 'text', arg: '<VALUE>', help: 'sets ignorecache of <JAIL>' },
  logencoding: { kind: 'text', arg: '<ENCODING>', help: 'sets the <ENCODING> of the log files for <JAIL>' },
  prefregex: { kind: 'text', arg: '<REGEX>', help: 'sets the prefix regular expression of <JAIL>' },
  findtime: { kind: 'duration', arg: '<TIME>', help: 'sets the time <TIME> for which the filter looks back for <JAIL>' },
  bantime: { kind: 'duration', arg: '<TIME>', help: 'sets the time <TIME> a host is banned for <JAIL> (negative: forever)' },
  'bantime.increment': { kind: 'boolean', arg: 'true|false', help: 'makes ban times grow for repeat offenders' },
  'bantime.factor': { kind: 'number', arg: '<NUMBER>', help: 'sets the factor of the ban time increment' },
  'bantime.formula': { kind: 'text', arg: '<FORMULA>', help: 'sets the formula of the ban time increment' },
  'bantime.multipliers': { kind: 'numbers', arg: "'<N> ... <N>'", help: 'sets the multipliers of the ban time increment' },
  'bantime.maxtime': { kind: 'duration', arg: '<TIME>', help: 'sets the longest incremented ban time' },
  'bantime.rndtime': { kind: 'duration', arg: '<TIME>', help: 'sets the random time added to incremented bans' },
  'bantime.overalljails': { kind: 'boolean', arg: 'true|false', help: 'counts earlier bans of all jails, not just <JAIL>' },
  datepattern: { kind: 'text', arg: '<PATTERN>', help: 'sets the <PATTERN> used to match date/times for <JAIL>' },
  logtimezone: { kind: 'text', arg: '<ZONE>', help: 'sets the time zone of log lines without one for <JAIL>' },
  usedns: { kind: 'usedns', arg: 'yes|warn|no|raw', help: 'sets the usedns mode for <JAIL>' },
  maxretry: { kind: 'positive', arg: '<RETRY>', help: 'sets the number of failures <RETRY> before banning the host for <JAIL>' },
  maxmatches: { kind: 'integer', arg: '<INT>', help: 'sets the max number of matches stored in memory per ticket in <JAIL>' },
  maxlines: { kind: 'positive', arg: '<LINES>', help: 'sets the number of <LINES> to buffer for regex search for <JAIL>' },
} as const satisfies Record<string, ValueOption>;

/** Names of the one-value jail settings. */
export type JailValueOptionName = keyof typeof JAIL_VALUE_OPTIONS;

/** True when `word` names a one-value jail setting. */
export function isJailValueOption(word: string): word is JailValueOptionName {
  return Object.hasOwn(JAIL_VALUE_OPTIONS, word);
}

/** Reads the value word of a one-value setting into its typed form. */
export function readJailValue(context: string, option: JailValueOptionName, word: string): JailSetting {
  const spec: ValueOption = JAIL_VALUE_OPTIONS[option];
  switch (spec.kind) {
    case 'onoff':
      return { option: option as 'idle', value: readChoice(context, word.toLowerCase(), ['on', 'off']) === 'on' };
    case 'boolean':
      return { option: option as 'ignoreself', value: readBoolean(context, word) };
    case 'duration':
      return { option: option as 'bantime', seconds: readDuration(context, word) };
    case 'integer':
      return { option: option as 'maxmatches', value: readInteger(context, word, 0) };
    case 'positive':
      return { option: option as 'maxretry', value: readInteger(context, word, 1) };
    case 'number':
      return { option: 'bantime.factor', value: readNumber(context, word) };
    case 'numbers': {
      const parts = word.trim().split(/\s+/).filter((part) => part !== '');
      if (parts.length === 0) throw new CommandError(`${context}: expected one or more numbers`);
      return { option: 'bantime.multipliers', value: parts.map((part) => readNumber(context, part)) };
    }
    case 'usedns':
      return { option: 'usedns', value: readChoice(context, word.toLowerCase(), USE_DNS) };
    case 'text':
      return { option: option as 'datepattern', value: readText(context, word) };
  }
}

/** `get JAIL OPTION` queries without arguments besides the value options above. */
export const JAIL_LIST_QUERIES = {
  logpath: 'gets the list of the monitored files for <JAIL>',
  journalmatch: 'gets the journal filter match for <JAIL>',
  ignoreip: 'gets the list of ignored IP addresses for <JAIL>',
  failregex: 'gets the list of regular expressions which matches the failures for <JAIL>',
  ignoreregex: 'gets the list of regular expressions which matches patterns to ignore for <JAIL>',
  actions: 'gets a list of actions for <JAIL>',
} as const;

/** True when `word` is an argument-less list query. */
export function isJailListQuery(word: string): word is keyof typeof JAIL_LIST_QUERIES {
  return Object.hasOwn(JAIL_LIST_QUERIES, word);
}
