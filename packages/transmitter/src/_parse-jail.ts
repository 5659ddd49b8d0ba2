/** @module parse-jail: `set JAIL …` and `get JAIL …` words into typed settings and queries. */
import type { JailQuery, JailSetting } from './command.js';
import { CommandError } from './errors.js';
import { isJailListQuery, isJailValueOption, JAIL_LIST_QUERIES, JAIL_VALUE_OPTIONS, readJailValue } from './_jail-options.js';
import { clip, readIgnoreAddress, readInteger, readIp, readName, readText } from './_values.js';

const SET_SPECIAL = [
  'addignoreip',
  'delignoreip',
  'addlogpath',
  'dellogpath',
  'addjournalmatch',
  'deljournalmatch',
  'addfailregex',
  'delfailregex',
  'addignoreregex',
  'delignoreregex',
  'attempt',
  'banip',
  'unbanip',
  'addaction',
  'delaction',
  'action',
] as const;

const GET_SPECIAL = ['banned', 'banip', 'action', 'actionproperties', 'actionmethods'] as const;

/** Every option word `set JAIL` accepts, for "expected …" messages and help. */
export const JAIL_SET_WORDS: readonly string[] = [...Object.keys(JAIL_VALUE_OPTIONS), ...SET_SPECIAL];
/** Every option word `get JAIL` accepts. */
export const JAIL_GET_WORDS: readonly string[] = [
  ...Object.keys(JAIL_VALUE_OPTIONS),
  ...Object.keys(JAIL_LIST_QUERIES),
  ...GET_SPECIAL,
];

/** Fails unless `args` has between `min` and `max` words. */
function expectCount(context: string, args: readonly string[], min: number, max: number, usage: string): void {
  if (args.length < min) throw new CommandError(`${context}: missing argument (usage: ${usage})`);
  if (args.length > max) throw new CommandError(`${context}: too many arguments (usage: ${usage})`);
}

/** `set JAIL OPTION ARGS…` (jail already checked); `args` are the words after OPTION. */
export function parseJailSetting(jail: string, option: string, args: readonly string[]): JailSetting {
  const context = `set ${jail} ${clip(option)}`;
  if (isJailValueOption(option)) {
    if (option === 'bantime.multipliers') {
      expectCount(context, args, 1, Infinity, `set ${jail} ${option} <N> ... <N>`);
      return readJailValue(context, option, args.join(' '));
    }
    expectCount(context, args, 1, 1, `set ${jail} ${option} ${JAIL_VALUE_OPTIONS[option].arg}`);
    return readJailValue(context, option, args[0] as string);
  }
  const first = args[0] as string;
  switch (option) {
    case 'addignoreip':
    case 'delignoreip':
      expectCount(context, args, 1, Infinity, `set ${jail} ${option} <IP> ... <IP>`);
      return { option, values: args.map((word) => readIgnoreAddress(context, word)) };
    case 'addlogpath': {
      expectCount(context, args, 1, 2, `set ${jail} addlogpath <FILE> ['tail'|'head']`);
      const where = args[1]?.toLowerCase() ?? 'head';
      if (where !== 'head' && where !== 'tail')
        throw new CommandError(`${context}: '${clip(args[1] ?? '')}' is not valid (expected head, tail)`);
      return { option, path: readText(context, first, 'file'), tail: where === 'tail' };
    }
    case 'dellogpath':
      expectCount(context, args, 1, 1, `set ${jail} dellogpath <FILE>`);
      return { option, path: readText(context, first, 'file') };
    case 'addjournalmatch':
    case 'deljournalmatch':
      expectCount(context, args, 1, Infinity, `set ${jail} ${option} <MATCH> ...`);
      for (const word of args) {
        if (word !== '+' && !/^[A-Z0-9_]+=/.test(word))
          throw new CommandError(`${context}: '${clip(word)}' is not a journal match (expected FIELD=value or +)`);
      }
      return { option, match: [...args] };
    case 'addfailregex':
    case 'addignoreregex':
      expectCount(context, args, 1, 1, `set ${jail} ${option} <REGEX>`);
      return { option, regex: readText(context, first, 'regex') };
    case 'delfailregex':
    case 'delignoreregex':
      expectCount(context, args, 1, 1, `set ${jail} ${option} <INDEX>`);
      return { option, index: readInteger(context, first, 0) };
    case 'attempt':
      expectCount(context, args, 1, Infinity, `set ${jail} attempt <IP> [<failure> ...]`);
      return { option, ip: readIp(context, first), failures: args.slice(1).map((word) => readText(context, word, 'failure')) };
    case 'banip':
      expectCount(context, args, 1, Infinity, `set ${jail} banip <IP> ... <IP>`);
      return { option, ips: args.map((word) => readIp(context, word)) };
    case 'unbanip': {
      const reportAbsent = first === '--report-absent';
      const ips = reportAbsent ? args.slice(1) : args;
      expectCount(context, ips, 1, Infinity, `set ${jail} unbanip [--report-absent] <IP> ... <IP>`);
      return { option, ips: ips.map((word) => readIp(context, word)), reportAbsent };
    }
    case 'addaction':
      return parseAddAction(context, jail, args);
    case 'delaction':
      expectCount(context, args, 1, 1, `set ${jail} delaction <ACT>`);
      return { option, action: readName(context, first, 'action') };
    case 'action':
      expectCount(context, args, 2, 3, `set ${jail} action <ACT> <PROPERTY> [<VALUE>]`);
      return {
        option,
        action: readName(context, first, 'action'),
        key: readName(context, args[1], 'property'),
        value: args[2] === undefined ? null : readText(context, args[2]),
      };
  }
  throw new CommandError(`set ${jail}: unknown option '${clip(option)}' (expected ${JAIL_SET_WORDS.join(', ')})`);
}

/** `addaction ACT` (command action) or `addaction ACT FILE JSON` (JavaScript action with options). */
function parseAddAction(context: string, jail: string, args: readonly string[]): JailSetting {
  const usage = `set ${jail} addaction <ACT> [<JSFILE> <JSONOPTIONS>]`;
  expectCount(context, args, 1, 3, usage);
  if (args.length === 2) throw new CommandError(`${context}: missing argument (usage: ${usage})`);
  const action = readName(context, args[0], 'action');
  if (args.length === 1) return { option: 'addaction', action, file: null, options: null };
  let options: unknown;
  try {
    options = JSON.parse(args[2] as string);
  } catch {
    throw new CommandError(`${context}: options '${clip(args[2] as string)}' are not valid JSON`);
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new CommandError(`${context}: options must be a JSON object`);
  return { option: 'addaction', action, file: readText(context, args[1], 'file'), options: options as Record<string, unknown> };
}

/** `get JAIL OPTION ARGS…` (jail already checked). */
export function parseJailQuery(jail: string, option: string, args: readonly string[]): JailQuery {
  const context = `get ${jail} ${clip(option)}`;
  if (isJailValueOption(option) || isJailListQuery(option)) {
    expectCount(context, args, 0, 0, `get ${jail} ${option}`);
    return { option };
  }
  switch (option) {
    case 'banned':
      return { option, ips: args.map((word) => readIp(context, word)) };
    case 'banip': {
      expectCount(context, args, 0, 1, `get ${jail} banip [<SEP>|--with-time]`);
      const withTime = args[0] === '--with-time';
      return { option, withTime, separator: withTime ? '\n' : (args[0] ?? ' ') };
    }
    case 'action':
      expectCount(context, args, 2, 2, `get ${jail} action <ACT> <PROPERTY>`);
      return { option, action: readName(context, args[0], 'action'), key: readName(context, args[1], 'property') };
    case 'actionproperties':
    case 'actionmethods':
      expectCount(context, args, 1, 1, `get ${jail} ${option} <ACT>`);
      return { option, action: readName(context, args[0], 'action') };
  }
  throw new CommandError(`get ${jail}: unknown option '${clip(option)}' (expected ${JAIL_GET_WORDS.join(', ')})`);
}
