/** @module _args: fail2ban-server's command line. */
import { parseArgs } from 'node:util';

/** What the command line asks for. */
export interface ServerArgs {
  readonly confDir: string;
  readonly socket?: string;
  readonly pidfile?: string;
  readonly foreground: boolean;
  readonly force: boolean;
  readonly logtarget?: string;
  readonly loglevel?: string;
  readonly help: boolean;
  readonly version: boolean;
}

/** A bad flag: printed as one line with the usage hint, exit 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: f2b-server [OPTIONS]

Fail2Ban's server, rebuilt in TypeScript: reads CONFDIR (like /etc/fail2ban), follows the jails'
logs and bans through their actions; f2b-client talks to it over the socket.

Options:
  -c, --conf DIR        configuration directory (default /etc/fail2ban)
  -s, --socket FILE     socket path (default: fail2ban.conf's socket)
  -p, --pidfile FILE    pid file path (default: fail2ban.conf's pidfile)
  -f, --foreground      stay in the foreground
  -b, --background      start in the background (default)
  -x, --force           replace the socket file even if a server answers there
      --logtarget T     STDOUT, STDERR, SYSLOG or a file (default: fail2ban.conf's logtarget)
      --loglevel L      CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG
  -h, --help            this help
  -V, --version         print the version`;

/** Parses argv (without node and script); throws UsageError for unknown or malformed flags. */
export function parseServerArgs(argv: readonly string[]): ServerArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        conf: { type: 'string', short: 'c' },
        socket: { type: 'string', short: 's' },
        pidfile: { type: 'string', short: 'p' },
        foreground: { type: 'boolean', short: 'f' },
        background: { type: 'boolean', short: 'b' },
        force: { type: 'boolean', short: 'x' },
        logtarget: { type: 'string' },
        loglevel: { type: 'string' },
        async: { type: 'boolean', short: 'a' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const v = parsed.values;
  if (v.foreground && v.background) throw new UsageError('-f and -b exclude each other');
  return {
    confDir: v.conf ?? '/etc/fail2ban',
    ...(v.socket ? { socket: v.socket } : {}),
    ...(v.pidfile ? { pidfile: v.pidfile } : {}),
    foreground: v.foreground ?? false,
    force: v.force ?? false,
    ...(v.logtarget ? { logtarget: v.logtarget } : {}),
    ...(v.loglevel ? { loglevel: v.loglevel } : {}),
    help: v.help ?? false,
    version: v.version ?? false,
  };
}
