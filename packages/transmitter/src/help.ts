/** @module help: the grammar as one table of usage lines, and fail2ban-client's usage text generated from it. */
import { JAIL_LIST_QUERIES, JAIL_VALUE_OPTIONS } from './_jail-options.js';

/** One usage line of the grammar. */
export interface GrammarEntry {
  /** Section heading (`BASIC`, `JAIL CONFIGURATION`, …). */
  readonly section: string;
  /** Words with `<PLACEHOLDERS>`, `[optional]` parts and `a|b` choices. */
  readonly usage: string;
  readonly help: string;
}

type Row = readonly [usage: string, help: string];

const valueSets: Row[] = Object.entries(JAIL_VALUE_OPTIONS).map(([name, spec]) => [`set <JAIL> ${name} ${spec.arg}`, spec.help]);
const valueGets: Row[] = Object.keys(JAIL_VALUE_OPTIONS).map((name) => [`get <JAIL> ${name}`, `gets ${name} of <JAIL>`]);
const listGets: Row[] = Object.entries(JAIL_LIST_QUERIES).map(([name, help]) => [`get <JAIL> ${name}`, help]);

const SECTIONS: ReadonlyArray<readonly [string, readonly Row[]]> = [
  [
    'BASIC',
    [
      ['start', 'starts the server and the jails'],
      ['restart', 'restarts the server'],
      ['restart [--unban] [--if-exists] <JAIL>', "restarts the jail <JAIL> (alias for 'reload --restart ... <JAIL>')"],
      ['reload [--restart] [--unban] [--all]', 'reloads the configuration without restarting the server; --restart restarts affected jails, --unban also unbans'],
      ['reload [--restart] [--unban] [--if-exists] <JAIL>', 'reloads the jail <JAIL>, or restarts it (with --restart)'],
      ['stop', 'stops all jails and terminates the server'],
      ['unban --all', 'unbans all IP addresses (in all jails and database)'],
      ['unban <IP> ... <IP>', 'unbans <IP> (in all jails and database)'],
      ['banned', 'returns the jails with their banned IPs'],
      ['banned <IP> ... <IP>', 'returns the jails where each given IP is banned'],
      ['status', 'gets the current status of the server'],
      ['status --all [basic|short|stats]', 'gets the status of every jail, or a table of counts (stats)'],
      ['statistics', 'gets a table of failure and ban counts per jail'],
      ['ping', 'tests if the server is alive'],
      ['echo', 'for internal usage, returns back and outputs a given string'],
      ['help', 'returns this output'],
      ['version', 'returns the server version'],
    ],
  ],
  [
    'LOGGING',
    [
      ['set loglevel <LEVEL>', 'sets logging level to <LEVEL>: CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG, TRACEDEBUG, HEAVYDEBUG or 50..5'],
      ['get loglevel', 'gets the logging level'],
      ['set logtarget <TARGET>', 'sets logging target to <TARGET>: STDOUT, STDERR, SYSLOG or a file'],
      ['get logtarget', 'gets logging target'],
      ['set syslogsocket auto|<SOCKET>', 'sets the syslog socket path to auto or <SOCKET> (logtarget SYSLOG only)'],
      ['get syslogsocket', 'gets syslog socket path'],
      ['flushlogs', 'flushes the logtarget if a file and reopens it (for log rotation)'],
    ],
  ],
  [
    'DATABASE',
    [
      ['set dbfile <FILE>', 'sets the location of the persistent datastore; None disables it'],
      ['get dbfile', 'gets the location of the persistent datastore'],
      ['set dbmaxmatches <INT>', 'sets the max number of matches stored in database per ticket'],
      ['get dbmaxmatches', 'gets the max number of matches stored in database per ticket'],
      ['set dbpurgeage <SECONDS>', 'sets the max age in <SECONDS> that history of bans will be kept'],
      ['get dbpurgeage', 'gets the max age in seconds that history of bans will be kept'],
    ],
  ],
  [
    'JAIL CONTROL',
    [
      ['add <JAIL> [<BACKEND>]', 'creates <JAIL> using <BACKEND> (default auto)'],
      ['start <JAIL>', 'starts the jail <JAIL>'],
      ['stop <JAIL>', 'stops the jail <JAIL>; the jail is removed'],
      ['stop --all', 'stops every jail, keeping the server running'],
      ['status <JAIL> [basic|short]', 'gets the current status of <JAIL>'],
    ],
  ],
  [
    'JAIL CONFIGURATION',
    [
      ...valueSets,
      ['set <JAIL> addignoreip <IP> ... <IP>', 'adds <IP> (address, network or host) to the ignore list of <JAIL>'],
      ['set <JAIL> delignoreip <IP> ... <IP>', 'removes <IP> from the ignore list of <JAIL>'],
      ["set <JAIL> addlogpath <FILE> ['tail'|'head']", "adds <FILE> to the monitoring list of <JAIL>, optionally starting at the 'tail' of the file"],
      ['set <JAIL> dellogpath <FILE>', 'removes <FILE> from the monitoring list of <JAIL>'],
      ['set <JAIL> addjournalmatch <MATCH> ...', 'adds <MATCH> to the journal filter of <JAIL>'],
      ['set <JAIL> deljournalmatch <MATCH> ...', 'removes <MATCH> from the journal filter of <JAIL>'],
      ['set <JAIL> addfailregex <REGEX>', 'adds the regular expression <REGEX> which must match failures for <JAIL>'],
      ['set <JAIL> delfailregex <INDEX>', 'removes the failregex at <INDEX>'],
      ['set <JAIL> addignoreregex <REGEX>', 'adds the regular expression <REGEX> of lines to ignore for <JAIL>'],
      ['set <JAIL> delignoreregex <INDEX>', 'removes the ignoreregex at <INDEX>'],
      ['set <JAIL> attempt <IP> [<failure> ... <failure>]', 'manually notifies about an <IP> failure'],
      ['set <JAIL> banip <IP> ... <IP>', 'manually bans <IP> for <JAIL>'],
      ['set <JAIL> unbanip [--report-absent] <IP> ... <IP>', 'manually unbans <IP> in <JAIL>'],
      ['set <JAIL> addaction <ACT> [<JSFILE> <JSONOPTIONS>]', 'adds the action <ACT> to <JAIL>: a command action, or a JavaScript file with JSON options'],
      ['set <JAIL> delaction <ACT>', 'removes the action <ACT> from <JAIL>'],
    ],
  ],
  [
    'ACTION CONFIGURATION',
    [
      ['set <JAIL> action <ACT> actionban <CMD>', 'sets the ban command <CMD> of the action <ACT> for <JAIL> (likewise actionstart, actionstop, actioncheck, actionunban)'],
      ['set <JAIL> action <ACT> timeout <TIMEOUT>', 'sets the command timeout in seconds of the action <ACT> for <JAIL>'],
      ['set <JAIL> action <ACT> <PROPERTY> <VALUE>', 'sets the <VALUE> of <PROPERTY> for the action <ACT> for <JAIL>'],
      ['set <JAIL> action <ACT> <METHOD> [<JSONOPTIONS>]', 'calls <METHOD> of the JavaScript action <ACT> for <JAIL>'],
    ],
  ],
  [
    'JAIL INFORMATION',
    [
      ['get <JAIL> banned', 'returns the banned IPs of <JAIL>'],
      ['get <JAIL> banned <IP> ... <IP>', 'returns 1 if IP is banned in <JAIL> otherwise 0, one per IP'],
      ['get <JAIL> banip [<SEP>|--with-time]', 'gets the banned IPs of <JAIL>, ordered by end of ban, separated by <SEP> or with ban times'],
      ...listGets,
      ...valueGets,
      ['get <JAIL> action <ACT> <PROPERTY>', 'gets the value of <PROPERTY> of the action <ACT> for <JAIL>'],
      ['get <JAIL> actionproperties <ACT>', 'gets a list of properties of the action <ACT> for <JAIL>'],
      ['get <JAIL> actionmethods <ACT>', 'gets a list of methods of the action <ACT> for <JAIL>'],
    ],
  ],
];

/** Every usage line of the grammar, in help order. */
export const GRAMMAR: readonly GrammarEntry[] = SECTIONS.flatMap(([section, rows]) =>
  rows.map(([usage, help]) => ({ section, usage, help })),
);

/** Wraps `text` into lines of at most `width` characters (a longer word keeps its own line). */
function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The command reference as fail2ban-client prints it: a heading per section, usage left, help wrapped right. */
export function helpText(width = 80): string {
  const indent = 4;
  const margin = 41;
  const helpWidth = Math.max(20, width - indent - margin);
  const out: string[] = [];
  for (const [section, rows] of SECTIONS) {
    if (out.length > 0) out.push('');
    out.push(`${section}:`);
    for (const [usage, help] of rows) {
      const wrapped = wrapText(help, helpWidth);
      // A usage longer than the margin gets its own line, with help starting below it.
      if (usage.length >= margin) out.push(' '.repeat(indent) + usage);
      else out.push(' '.repeat(indent) + usage.padEnd(margin) + (wrapped.shift() ?? ''));
      for (const rest of wrapped) out.push(' '.repeat(indent + margin) + rest);
    }
  }
  return out.join('\n');
}
