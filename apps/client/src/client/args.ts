/** @module args: f2b-client's command line (fail2ban-client's flags) into options and command words. */
import { UsageError } from '../errors.js';

/** What the flags ask for; `words` is the command to send (empty with `-i`, `-h`, `-V`). */
export interface ClientArgs {
  /** `-c DIR`, or null for the default (env F2B_CONFDIR, else the bundled tree). */
  readonly confDir: string | null;
  /** `-s SOCKET`, or null for the default. */
  readonly socket: string | null;
  /** `-v` adds one, `-q` takes one; 0 is normal. */
  readonly verbosity: number;
  readonly json: boolean;
  readonly interactive: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** `-x`: let a starting server replace a stale or foreign socket. */
  readonly force: boolean;
  /** `--timeout SECONDS` for replies and for `start` to come up (default 30). */
  readonly timeoutSeconds: number;
  /** `--str2sec TEXT`: print TEXT as seconds and exit. */
  readonly str2sec: string | null;
  readonly dump: boolean;
  readonly test: boolean;
  readonly words: readonly string[];
}

/** Flags that take a value, with the name used in messages. */
const VALUE_FLAGS: Record<string, string> = { '-c': 'DIR', '--conf': 'DIR', '-s': 'SOCKET', '--socket': 'SOCKET', '--timeout': 'SECONDS', '--str2sec': 'TEXT' };

/** The usage summary printed by `-h` above the command reference. */
export const USAGE = `Usage: f2b-client [OPTIONS] <COMMAND>

Options:
    -c, --conf <DIR>        configuration directory (default: $F2B_CONFDIR or the bundled tree)
    -s, --socket <FILE>     socket path (default: /var/run/f2b/f2b.sock)
    -d                      dump the configuration (needs @f2b/config-reader)
    -t, --test              test the configuration (needs @f2b/config-reader)
    -i                      interactive mode, with line editing and history
    -v / -q                 more / less output
    -x                      on start: replace an existing socket
    --json                  print results as JSON, one document per command
    --timeout <SECONDS>     wait this long for replies and for start (default 30)
    --str2sec <TEXT>        print a duration such as '1h 30m' in seconds
    -h, --help              this help
    -V, --version           print the version

Commands:`;

/** Splits argv at the first word that is not a flag: everything after it belongs to the command. */
export function parseClientArgs(argv: readonly string[]): ClientArgs {
  let confDir: string | null = null;
  let socket: string | null = null;
  let verbosity = 0;
  let timeoutSeconds = 30;
  let str2sec: string | null = null;
  const flags = new Set<string>();
  let index = 0;
  for (; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') {
      index++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const valueName = VALUE_FLAGS[flag];
    if (valueName !== undefined) {
      const value = inline ?? argv[++index];
      if (value === undefined || value === '') throw new UsageError(`option ${flag} needs a value <${valueName}>`);
      if (flag === '-c' || flag === '--conf') confDir = value;
      else if (flag === '-s' || flag === '--socket') socket = value;
      else if (flag === '--str2sec') str2sec = value;
      else {
        timeoutSeconds = Number(value);
        if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError(`option --timeout: '${value}' is not a positive number of seconds`);
      }
      continue;
    }
    if (/^-[vq]+$/.test(flag)) {
      for (const letter of flag.slice(1)) verbosity += letter === 'v' ? 1 : -1;
      continue;
    }
    const known = ['-i', '--json', '-h', '--help', '-V', '--version', '-x', '-d', '-t', '--test', '-b', '-f'];
    if (!known.includes(flag)) throw new UsageError(`unknown option '${flag}' (see f2b-client -h)`);
    flags.add(flag);
  }
  return {
    confDir,
    socket,
    verbosity,
    json: flags.has('--json'),
    interactive: flags.has('-i'),
    help: flags.has('-h') || flags.has('--help'),
    version: flags.has('-V') || flags.has('--version'),
    force: flags.has('-x'),
    timeoutSeconds,
    str2sec,
    dump: flags.has('-d'),
    test: flags.has('-t') || flags.has('--test'),
    words: argv.slice(index),
  };
}
