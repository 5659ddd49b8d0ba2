/** @module scripts/man: writes dist/man/f2b-client.1 and dist/man/f2b-regex.1 from the texts `-h` prints (runs after `tsc -b`). */
// Why generated: the options, commands and their help come from the same constants that --help prints
// (USAGE, REGEX_USAGE, and @f2b/transmitter's GRAMMAR), so a flag added there shows up here by itself.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRAMMAR } from '@f2b/transmitter';
import { blocks, definitions, escapeRoff, linesUnder, paragraph, renderPage, rowsOf, styleUsage, writePage } from '@f2b/man';
import { USAGE } from '../dist/client/args.js';
import { REGEX_USAGE } from '../dist/_regex-args.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manual = 'f2b manual';
const styled = (rows) => rows.map(({ term, help }) => ({ term: styleUsage(term), help }));
/** The first block of a usage text, without its `usage:` word, as one line. */
const synopsis = (usage) => blocks(usage)[0].join(' ').replace(/^usage:\s*/i, '').replace(/\s+/g, ' ');

function clientPage() {
  const sections = new Map();
  for (const entry of GRAMMAR) sections.set(entry.section, [...(sections.get(entry.section) ?? []), { term: styleUsage(entry.usage), help: entry.help }]);
  const commands = [...sections].map(([title, rows]) => `.SS ${escapeRoff(title)}\n${definitions(rows)}`).join('\n');
  return renderPage({
    name: 'f2b-client', section: 1, version, manual, summary: 'talk to f2b-server with fail2ban-client\'s commands and flags',
    sections: [
      ['Synopsis', `.PP\n${styleUsage(synopsis(USAGE))}`],
      ['Description', [
        paragraph('f2b-client sends one command to f2b-server over its Unix socket and prints the reply, with the grammar and flags of fail2ban-client. Commands are checked before anything is sent. Without a command and with -i it reads commands from a prompt.'),
        paragraph('start launches f2b-server in the background (the @f2b/server package installed beside this one, or $F2B_SERVER_SCRIPT) and waits until it answers ping; stop waits until the socket is gone.'),
      ].join('\n')],
      ['Options', definitions(styled(rowsOf(linesUnder(USAGE, 'Options:'))))],
      ['Commands', commands],
      ['Exit status', definitions([
        { term: '0', help: 'the command succeeded' },
        { term: '1', help: 'the server reported a failure' },
        { term: '2', help: 'a bad flag or command (one line on standard error)' },
        { term: '70', help: 'a bug in f2b-client (printed with the details)' },
        { term: '255', help: 'the server is not running, not reachable, or did not come up' },
      ])],
      ['Environment', definitions([
        { term: '\\fBF2B_CONFDIR\\fR', help: 'configuration directory when -c is not given (default: the bundled @f2b/config tree)' },
        { term: '\\fBF2B_SERVER_SCRIPT\\fR', help: 'the server script that start launches' },
        { term: '\\fBF2B_HISTFILE\\fR', help: 'history file of the -i prompt (default ~/.f2b_client_history)' },
      ])],
      ['See also', '.BR f2b-server (8),\n.BR f2b-regex (1),\n.BR jail.conf (5),\n.BR fail2ban-client (1)'],
    ],
  });
}

function regexPage() {
  const [, argumentLines] = blocks(REGEX_USAGE);
  const exit = blocks(REGEX_USAGE).find((lines) => lines[0].startsWith('Exit status:'));
  if (argumentLines === undefined || exit === undefined) throw new Error('REGEX_USAGE: expected the arguments block and an "Exit status:" line');
  return renderPage({
    name: 'f2b-regex', section: 1, version, manual, summary: 'test a Fail2Ban filter on a log file or line, like fail2ban-regex',
    sections: [
      ['Synopsis', `.PP\n${styleUsage(synopsis(REGEX_USAGE))}`],
      ['Description', [
        paragraph('f2b-regex runs a filter on every line of LOG and reports what it finds, counted as fail2ban-regex counts: lines matched, ignored and missed, hits per failregex and per date template. Nothing is banned and no server is needed.'),
        paragraph('With --json it prints one JSON object per input line instead: {"line": N, "fails": [...], "ignored": false}, where each failure carries id, host (as written in the line), time (epoch seconds), every named capture and <F-...> field, and matches, the lines that make up the failure.'),
      ].join('\n')],
      ['Arguments', definitions(styled(rowsOf(argumentLines)))],
      ['Options', definitions(styled(rowsOf(linesUnder(REGEX_USAGE, 'Options:'))))],
      ['Exit status', paragraph(exit.join(' ').replace(/^Exit status:\s*/, ''))],
      ['See also', '.BR f2b-client (1),\n.BR jail.conf (5),\n.BR fail2ban-regex (1)'],
    ],
  });
}

writePage(join(root, 'dist', 'man', 'f2b-client.1'), clientPage());
writePage(join(root, 'dist', 'man', 'f2b-regex.1'), regexPage());
