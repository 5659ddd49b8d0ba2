/** @module parse: fail2ban-client's words (`["set","sshd","maxretry","3"]`) into a typed, validated {@link Command}. */
import type { Command, ServerOption, StatusFlavor } from './command.js';
import { CommandError } from './errors.js';
import { parseJailQuery, parseJailSetting } from './_parse-jail.js';
import { clip, MAX_WORD_LENGTH, readDuration, readInteger, readIp, readLogLevel, readName, readText } from './_values.js';

/** Most words a command may have (`banip` with many addresses); more is an attack or a mistake. */
export const MAX_WORDS = 10_000;

/** First words of every command. */
export const COMMAND_WORDS = [
  'start',
  'restart',
  'reload',
  'stop',
  'unban',
  'banned',
  'status',
  'statistics',
  'ping',
  'echo',
  'help',
  'version',
  'flushlogs',
  'set',
  'get',
  'add',
] as const;

/** Server-wide options of `set`/`get`; they win over a jail of the same name, as in Fail2Ban. */
export const SERVER_OPTIONS: readonly ServerOption[] = ['loglevel', 'logtarget', 'syslogsocket', 'dbfile', 'dbmaxmatches', 'dbpurgeage'];

/**
 * Parses one command. Throws {@link CommandError} (code `E_COMMAND`) with a one-line message naming
 * the command and what was expected when the words do not follow the grammar.
 */
export function parseCommand(words: readonly string[]): Command {
  if (!Array.isArray(words) || words.length === 0) throw new CommandError('empty command (expected a command such as status or ping)');
  if (words.length > MAX_WORDS) throw new CommandError(`too many words: ${words.length} (at most ${MAX_WORDS})`, words);
  for (const word of words) {
    if (typeof word !== 'string') throw new CommandError('every word of a command must be a string', words);
    if (word.length > MAX_WORD_LENGTH) throw new CommandError(`word too long: ${word.length} characters (at most ${MAX_WORD_LENGTH})`, words);
  }
  try {
    return parseWords(words[0] as string, words.slice(1));
  } catch (error) {
    if (error instanceof CommandError && error.words.length === 0) throw new CommandError(error.message, words);
    throw error;
  }
}

function noArgs(name: string, args: readonly string[]): void {
  if (args.length > 0) throw new CommandError(`${name}: unexpected argument '${clip(args[0] as string)}' (${name} takes none)`);
}

/** Splits leading `--flag` words off `args`, accepting only `allowed` ones. */
function takeFlags(name: string, args: readonly string[], allowed: readonly string[]): { flags: Set<string>; rest: string[] } {
  const flags = new Set<string>();
  let index = 0;
  for (; index < args.length && (args[index] as string).startsWith('--'); index++) {
    const flag = args[index] as string;
    if (!allowed.includes(flag)) throw new CommandError(`${name}: unknown option '${clip(flag)}' (expected ${allowed.join(', ')})`);
    flags.add(flag);
  }
  return { flags, rest: args.slice(index) };
}

function parseWords(name: string, args: readonly string[]): Command {
  switch (name) {
    case 'start':
      if (args.length === 0) return { kind: 'start' };
      if (args.length > 1) throw new CommandError(`start: too many arguments (usage: start [<JAIL>])`);
      return { kind: 'start-jail', jail: readName('start', args[0]) };
    case 'stop':
      if (args.length === 0) return { kind: 'stop' };
      if (args.length > 1) throw new CommandError(`stop: too many arguments (usage: stop [<JAIL>|--all])`);
      if (args[0] === '--all') return { kind: 'stop-all-jails' };
      return { kind: 'stop-jail', jail: readName('stop', args[0]) };
    case 'restart':
    case 'reload':
      return parseReload(name, args);
    case 'unban':
      if (args.length === 0) throw new CommandError('unban: missing argument (usage: unban --all | unban <IP> ... <IP>)');
      if (args.length === 1 && args[0] === '--all') return { kind: 'unban-all' };
      return { kind: 'unban', ips: args.map((word) => readIp('unban', word)) };
    case 'banned':
      return { kind: 'banned', ips: args.map((word) => readIp('banned', word)) };
    case 'status':
      return parseStatus(args);
    case 'statistics':
    case 'stats':
      noArgs(name, args);
      return { kind: 'statistics' };
    case 'ping':
    case 'help':
    case 'version':
    case 'flushlogs':
      noArgs(name, args);
      return { kind: name };
    case 'echo':
      return { kind: 'echo', words: [...args] };
    case 'add': {
      if (args.length === 0 || args.length > 2) throw new CommandError('add: expected a jail and an optional backend (usage: add <JAIL> [<BACKEND>])');
      const jail = readName('add', args[0]);
      return { kind: 'add-jail', jail, backend: args[1] === undefined ? 'auto' : readName(`add ${jail}`, args[1], 'backend') };
    }
    case 'set':
      return parseSet(args);
    case 'get':
      return parseGet(args);
  }
  throw new CommandError(`unknown command '${clip(name)}' (expected ${COMMAND_WORDS.join(', ')})`);
}

function parseReload(name: 'restart' | 'reload', args: readonly string[]): Command {
  if (name === 'restart' && args.length === 0) return { kind: 'restart' };
  const allowed = name === 'restart' ? ['--unban', '--if-exists'] : ['--restart', '--unban', '--all', '--if-exists'];
  const { flags, rest } = takeFlags(name, args, allowed);
  if (rest.length > 1) throw new CommandError(`${name}: too many arguments (usage: ${name} [options] [<JAIL>])`);
  const jail = rest[0] === undefined ? null : readName(name, rest[0]);
  if (name === 'restart' && jail === null) throw new CommandError('restart: missing jail after options (usage: restart [--unban] [--if-exists] <JAIL>)');
  if (jail !== null && flags.has('--all')) throw new CommandError(`reload: --all reloads every jail; drop it or the jail '${jail}'`);
  if (jail === null && flags.has('--if-exists')) throw new CommandError('reload: --if-exists needs a jail');
  return {
    kind: 'reload',
    jail,
    restart: name === 'restart' || flags.has('--restart'),
    unban: flags.has('--unban'),
    all: flags.has('--all'),
    ifExists: flags.has('--if-exists'),
  };
}

const FLAVORS: readonly StatusFlavor[] = ['basic', 'short'];

function parseStatus(args: readonly string[]): Command {
  if (args.length === 0) return { kind: 'status' };
  if (args.length > 2) throw new CommandError('status: too many arguments (usage: status [<JAIL>|--all] [<FLAVOR>])');
  const flavorWord = args[1] ?? 'basic';
  if (args[0] === '--all') {
    if (flavorWord === 'stats' || flavorWord === 'statistics') return { kind: 'status-all', flavor: 'stats' };
    const flavor = FLAVORS.find((known) => known === flavorWord);
    if (!flavor) throw new CommandError(`status --all: unknown flavor '${clip(flavorWord)}' (expected basic, short, stats)`);
    return { kind: 'status-all', flavor };
  }
  const jail = readName('status', args[0]);
  const flavor = FLAVORS.find((known) => known === flavorWord);
  if (!flavor) throw new CommandError(`status ${jail}: unknown flavor '${clip(flavorWord)}' (expected ${FLAVORS.join(', ')})`);
  return { kind: 'status-jail', jail, flavor };
}

function isServerOption(word: string | undefined): word is ServerOption {
  return SERVER_OPTIONS.some((option) => option === word);
}

function parseSet(args: readonly string[]): Command {
  const [first, second, ...rest] = args;
  if (first === undefined) throw new CommandError('set: missing option or jail (usage: set <OPTION> <VALUE> | set <JAIL> <OPTION> ...)');
  if (isServerOption(first)) {
    if (second === undefined) throw new CommandError(`set ${first}: missing value`);
    if (rest.length > 0) throw new CommandError(`set ${first}: too many arguments (usage: set ${first} <VALUE>)`);
    const context = `set ${first}`;
    switch (first) {
      case 'loglevel':
        return { kind: 'server-set', option: first, value: readLogLevel(context, second) };
      case 'dbfile':
        return { kind: 'server-set', option: first, value: second === 'None' || second === ':none:' ? null : readText(context, second, 'file') };
      case 'dbmaxmatches':
        return { kind: 'server-set', option: first, value: readInteger(context, second, 0) };
      case 'dbpurgeage':
        return { kind: 'server-set', option: first, value: readDuration(context, second) };
      case 'logtarget':
      case 'syslogsocket':
        return { kind: 'server-set', option: first, value: readText(context, second) };
    }
  }
  const jail = readName('set', first);
  if (second === undefined) throw new CommandError(`set ${jail}: missing option`);
  return { kind: 'jail-set', jail, ...parseJailSetting(jail, second, rest) };
}

function parseGet(args: readonly string[]): Command {
  const [first, second, ...rest] = args;
  if (first === undefined) throw new CommandError('get: missing option or jail (usage: get <OPTION> | get <JAIL> <OPTION> ...)');
  if (isServerOption(first)) {
    if (second !== undefined) throw new CommandError(`get ${first}: unexpected argument '${clip(second)}' (get ${first} takes none)`);
    return { kind: 'server-get', option: first };
  }
  const jail = readName('get', first);
  if (second === undefined) throw new CommandError(`get ${jail}: missing option`);
  return { kind: 'jail-get', jail, ...parseJailQuery(jail, second, rest) };
}
