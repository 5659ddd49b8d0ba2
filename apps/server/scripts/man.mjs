/** @module scripts/man: writes dist/man/f2b-server.8 and dist/man/jail.conf.5 from the texts the programs print (runs after `tsc -b`). */
// Why generated: f2b-server's options come from the USAGE that `-h` prints, and the settings of
// jail.conf / fail2ban.conf from @f2b/transmitter's GRAMMAR, the table `f2b-client help` prints (every
// setting that can be written in a file can also be set at run time). Only the settings that exist in
// files alone (enabled, filter, backend, socket, pidfile) and the file format are described here.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRAMMAR } from '@f2b/transmitter';
import { blocks, definitions, escapeRoff, linesUnder, paragraph, renderPage, rowsOf, styleUsage, writePage } from '@f2b/man';
import { USAGE } from '../dist/_args.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manual = 'f2b manual';
const styled = (rows) => rows.map(({ term, help }) => ({ term: styleUsage(term), help }));

function serverPage() {
  const [usageLine, description] = blocks(USAGE);
  return renderPage({
    name: 'f2b-server', section: 8, version, manual, summary: 'the f2b daemon: follows logs and bans offenders, as fail2ban-server does',
    sections: [
      ['Synopsis', `.PP\n${styleUsage(usageLine.join(' ').replace(/^Usage:\s*/, ''))}`],
      ['Description', paragraph(description.join(' ').replace(/\s+/g, ' '))],
      ['Options', definitions(styled(rowsOf(linesUnder(USAGE, 'Options:'))))],
      ['Signals', definitions([
        { term: '\\fBSIGTERM\\fR, \\fBSIGINT\\fR', help: 'stop the jails (running their actionstop) and exit' },
        { term: '\\fBSIGHUP\\fR', help: 'reload the configuration' },
        { term: '\\fBSIGUSR1\\fR', help: 'reopen the log file (after log rotation)' },
      ])],
      ['Files', definitions([
        { term: '\\fI/etc/fail2ban/fail2ban.conf\\fR', help: 'server settings: log target and level, socket, pid file, database (see jail.conf(5))' },
        { term: '\\fI/etc/fail2ban/jail.conf\\fR', help: 'the jails, with jail.d/, .local overrides, filter.d/ and action.d/' },
      ])],
      ['See also', '.BR f2b-client (1),\n.BR f2b-regex (1),\n.BR jail.conf (5),\n.BR fail2ban-server (1)'],
    ],
  });
}

/** `set <JAIL> addlogpath …` adds to the file setting `logpath`, and so on. */
const ADDED_TO = { addlogpath: 'logpath', addignoreip: 'ignoreip', addjournalmatch: 'journalmatch', addfailregex: 'failregex', addignoreregex: 'ignoreregex', addaction: 'action' };
/** Run-time only: states and one-off requests, not settings. */
const NOT_IN_FILES = new Set(['idle', 'attempt', 'banip', 'unbanip']);
/** How a value is written in a file where that differs from the command's words. */
const FILE_VALUES = {
  action: '<ACTION>[<NAME>=<VALUE>, ...] ...',
  logpath: '<FILE> ... [tail|head]',
  failregex: '<REGEX> ...',
  ignoreregex: '<REGEX> ...',
  journalmatch: '<MATCH> ...',
  'bantime.multipliers': '<N> ... <N>',
};
const FILE_ONLY_JAIL = [
  { name: 'enabled', value: 'true|false', help: 'whether the jail runs (default false)' },
  { name: 'filter', value: '<FILTER>[<NAME>=<VALUE>, ...]', help: 'the filter in filter.d/ (FILTER.conf and FILTER.local), with options that override its [Init] section' },
  { name: 'backend', value: 'auto|polling|pyinotify|systemd', help: 'how the logs are followed (default auto)' },
];
const FILE_ONLY_SERVER = [
  { name: 'socket', value: '<FILE>', help: 'the Unix socket f2b-client talks to' },
  { name: 'pidfile', value: '<FILE>', help: 'where the server writes its process id' },
];

/** Settings from the grammar's `set` lines: `set <JAIL> NAME …` for jails, `set NAME …` for the server. */
function settingsFromGrammar() {
  const jail = new Map();
  const server = new Map();
  for (const { usage, help } of GRAMMAR) {
    const jailSet = /^set <JAIL> ([a-z.]+) ?(.*)$/.exec(usage);
    if (jailSet !== null && !usage.startsWith('set <JAIL> action ')) {
      const [, word, rest] = jailSet;
      if (NOT_IN_FILES.has(word) || word.startsWith('del')) continue;
      const name = ADDED_TO[word] ?? word;
      if (!jail.has(name)) jail.set(name, { name, value: FILE_VALUES[name] ?? rest, help });
      continue;
    }
    const serverSet = /^set ([a-z]+) (.+)$/.exec(usage);
    if (serverSet !== null) server.set(serverSet[1], { name: serverSet[1], value: serverSet[2], help });
  }
  return { jail: [...FILE_ONLY_JAIL, ...jail.values()], server: [...FILE_ONLY_SERVER, ...server.values()] };
}

const EXAMPLE = `[DEFAULT]
bantime = 1h
findtime = 10m
maxretry = 5

[sshd]
enabled = true
filter = sshd[mode=aggressive]
logpath = /var/log/auth.log
action = nftables-multiport[port=ssh]`;

function jailConfPage() {
  const { jail, server } = settingsFromGrammar();
  const rows = (settings) => definitions(settings.map(({ name, value, help }) => ({ term: `\\fB${escapeRoff(name)}\\fR = ${styleUsage(value)}`, help })));
  return renderPage({
    name: 'jail.conf', section: 5, version, manual, summary: 'the configuration of f2b-server: jails, filters, actions and the server',
    sections: [
      ['Synopsis', ['fail2ban.conf', 'fail2ban.d/*.conf', 'fail2ban.local', 'fail2ban.d/*.local', 'jail.conf', 'jail.d/*.conf', 'jail.local', 'jail.d/*.local', 'filter.d/*.conf', 'action.d/*.conf']
        .map((file) => `.br\n\\fI${escapeRoff(file)}\\fR`).join('\n')],
      ['Description', [
        paragraph("f2b reads a Fail2Ban configuration tree unchanged (by default /etc/fail2ban). Each file is INI text as Fail2Ban reads it: [SECTION] headers, NAME = VALUE lines (or NAME: VALUE), values continued on indented lines, comments starting with # or ;. Names are case-insensitive."),
        paragraph('Files are read in layers: NAME.conf, then NAME.d/*.conf in alphabetical order, then NAME.local, then NAME.d/*.local; a later layer overrides single settings of an earlier one. Keep your changes in .local files, so the .conf files can be updated.'),
        paragraph('[DEFAULT] holds settings every section inherits. %(NAME)s in a value is replaced by the setting NAME of the same section (or of [DEFAULT]); an [INCLUDES] section with before = FILE and after = FILE reads other files around this one.'),
        paragraph('Each section of jail.conf other than [DEFAULT] and [INCLUDES] is a jail. Times are seconds or durations such as 600, 10m, 1h 30m, 1d; a negative bantime bans for ever.'),
      ].join('\n')],
      ['Jail settings', rows(jail)],
      ['Server settings (fail2ban.conf, section [Definition])', rows(server)],
      ['Example', `.PP\n.nf\n.RS\n${escapeRoff(EXAMPLE)}\n.RE\n.fi`],
      ['See also', '.BR f2b-server (8),\n.BR f2b-client (1),\n.BR f2b-regex (1),\n.BR fail2ban-client (1)'],
    ],
  });
}

writePage(join(root, 'dist', 'man', 'f2b-server.8'), serverPage());
writePage(join(root, 'dist', 'man', 'jail.conf.5'), jailConfPage());
