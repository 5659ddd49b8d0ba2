/** @module format: a command's result as fail2ban-client prints it for people. */
import type {
  BannedIpsResult,
  BannedResult,
  BanListWithTimeResult,
  Command,
  JailStatusResult,
  StatisticsResult,
  StatusAllResult,
  StatusResult,
} from '@f2b/transmitter';
import {
  formatBanListWithTime,
  formatBanned,
  formatBannedIps,
  formatJailStatus,
  formatServerStatus,
  formatStatistics,
} from './_format-status.js';

/** Anything as text: strings as they are, lists one per line, the rest as JSON. */
function formatPlain(result: unknown): string {
  if (result === null || result === undefined) return 'OK';
  if (typeof result === 'string') return result;
  if (typeof result === 'number' || typeof result === 'boolean') return String(result);
  if (Array.isArray(result) && result.every((item) => typeof item !== 'object' || item === null)) return result.map(String).join('\n');
  return JSON.stringify(result, null, 2);
}

/** A list as a `|-` / `` `- `` tree under a heading, or `empty` when there is nothing. */
function formatList(heading: string, empty: string, items: readonly string[], numbered = false): string {
  if (items.length === 0) return empty;
  const lines = items.map((item, index) => `${index === items.length - 1 ? '`-' : '|-'} ${numbered ? `[${index}]: ` : ''}${item}`);
  return [heading, ...lines].join('\n');
}

function asStrings(result: unknown): string[] {
  return Array.isArray(result) ? result.map(String) : [];
}

/** Jail settings and queries: lists as trees, the rest plain. */
function formatJailResult(command: Extract<Command, { kind: 'jail-set' | 'jail-get' }>, result: unknown): string {
  const option = command.option;
  switch (option) {
    case 'logpath':
    case 'addlogpath':
    case 'dellogpath':
      return formatList('Current monitored log file(s):', 'No file is currently monitored', asStrings(result));
    case 'ignoreip':
    case 'addignoreip':
    case 'delignoreip':
      return formatList('These IP addresses/networks are ignored:', 'No IP address/network is ignored', asStrings(result));
    case 'failregex':
    case 'addfailregex':
    case 'delfailregex':
    case 'ignoreregex':
    case 'addignoreregex':
    case 'delignoreregex':
      return formatList('The following regular expression are defined:', 'No regular expression is defined', asStrings(result), true);
    case 'journalmatch':
    case 'addjournalmatch':
    case 'deljournalmatch':
      return asStrings(result).length === 0 ? 'No journal match filter set' : `Current match filter:\n${asStrings(result).join(' + ')}`;
    case 'logencoding':
      return `Current log encoding is set to:\n${formatPlain(result)}`;
    case 'datepattern':
      return `Current date pattern set to: ${result === null ? 'Not set/required' : formatPlain(result)}`;
    case 'actions':
      return asStrings(result).length === 0
        ? `No actions for jail ${command.jail}`
        : `The jail ${command.jail} has the following actions:\n${asStrings(result).join(', ')}`;
    case 'actionproperties':
    case 'actionmethods': {
      const what = option === 'actionproperties' ? 'properties' : 'methods';
      const items = asStrings(result);
      return items.length === 0
        ? `No ${what} for jail ${command.jail} action ${command.action}`
        : `The jail ${command.jail} action ${command.action} has the following ${what}:\n${items.join(', ')}`;
    }
    case 'banip':
      if (command.kind === 'jail-get') {
        if (command.withTime) return formatBanListWithTime(result as BanListWithTimeResult);
        return asStrings(result).join(command.separator);
      }
      return formatPlain(result);
    case 'banned':
      if (command.kind === 'jail-get' && command.ips.length === 0) return asStrings(result).join('\n');
      return formatPlain(result);
    default:
      return formatPlain(result);
  }
}

/** Server-wide settings: `Current logging level is 'INFO'` and friends. */
function formatServerSetting(option: string, result: unknown): string {
  switch (option) {
    case 'loglevel':
      return `Current logging level is '${formatPlain(result)}'`;
    case 'logtarget':
      return `Current logging target is:\n\`- ${formatPlain(result)}`;
    case 'syslogsocket':
      return `Current syslog socket is:\n\`- ${formatPlain(result)}`;
    case 'dbfile':
      return result === null ? 'Database currently disabled' : `Current database file is:\n\`- ${formatPlain(result)}`;
    case 'dbpurgeage':
      return result === null ? 'Database currently disabled' : `Current database purge age is:\n\`- ${formatPlain(result)}seconds`;
    default:
      return result === null ? 'Database currently disabled' : formatPlain(result);
  }
}

/** The text printed for a successful reply to `command`. */
export function formatResult(command: Command, result: unknown, options: { readonly unicode?: boolean } = {}): string {
  switch (command.kind) {
    case 'ping':
      return `Server replied: ${formatPlain(result)}`;
    case 'start-jail':
      return 'Jail started';
    case 'stop':
      return 'Shutdown successful';
    case 'stop-jail':
      return 'Jail stopped';
    case 'stop-all-jails':
      return 'All jails stopped';
    case 'add-jail':
      return `Added jail ${formatPlain(result)}`;
    case 'flushlogs':
      return `logs: ${formatPlain(result)}`;
    case 'echo':
      return asStrings(result).join(' ');
    case 'status':
      return formatServerStatus(result as StatusResult);
    case 'status-jail':
      return formatJailStatus(result as JailStatusResult);
    case 'status-all':
      if (command.flavor === 'stats') return formatStatistics((result as StatisticsResult).jails, options.unicode ?? true);
      return (result as StatusAllResult).jails.map(formatJailStatus).join('\n\n');
    case 'statistics':
      return formatStatistics((result as StatisticsResult).jails, options.unicode ?? true);
    case 'banned':
      return command.ips.length === 0 ? formatBanned(result as BannedResult) : formatBannedIps(command.ips, result as BannedIpsResult);
    case 'server-set':
    case 'server-get':
      return formatServerSetting(command.option, result);
    case 'jail-set':
    case 'jail-get':
      return formatJailResult(command, result);
    default:
      return formatPlain(result);
  }
}
