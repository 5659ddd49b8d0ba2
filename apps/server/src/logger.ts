/** @module logger: the server's structured log (pino), with Fail2Ban's levels and targets. */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { ServerError } from './errors.js';
import { pino, type Logger } from 'pino';

/** Fail2Ban's level names, mapped onto pino's (NOTICE is a level of its own, between INFO and WARNING). */
const LEVELS: Record<string, string> = {
  CRITICAL: 'fatal',
  ERROR: 'error',
  WARNING: 'warn',
  NOTICE: 'notice',
  INFO: 'info',
  DEBUG: 'debug',
  TRACEDEBUG: 'trace',
  HEAVYDEBUG: 'trace',
};

/** The server's logger and what it writes to; `reopen` follows logrotate (SIGUSR1). */
export interface ServerLog {
  readonly logger: Logger<'notice'>;
  readonly target: string;
  reopen(): void;
  close(): void;
}

/** Maps Fail2Ban's level name (or number) to pino's; unknown names are a user error. */
export function pinoLevel(level: string): string {
  const upper = level.toUpperCase();
  if (LEVELS[upper]) return LEVELS[upper];
  const n = Number(level);
  if (Number.isFinite(n)) return n >= 50 ? 'fatal' : n >= 40 ? 'error' : n >= 30 ? 'warn' : n >= 20 ? 'info' : 'debug';
  throw new ServerError('E_LOGLEVEL', `unknown log level '${level}' (expected CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG)`);
}

/**
 * Opens the log target: `STDOUT`, `STDERR`, `SYSLOG` (through the `logger` command to /dev/log, or
 * the `syslogsocket` given), or a file path. A target that cannot be opened falls back to STDERR with a warning.
 */
export function openServerLog(target: string, level: string, syslogSocket = 'auto'): ServerLog {
  const options = { customLevels: { notice: 35 }, level: pinoLevel(level), base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  const upper = target.toUpperCase();
  if (upper === 'STDOUT' || upper === 'STDERR') {
    const destination = pino.destination({ fd: upper === 'STDOUT' ? 1 : 2, sync: true });
    return { logger: pino(options, destination), target: upper, reopen: () => undefined, close: () => destination.flushSync() };
  }
  if (upper === 'SYSLOG' || upper.startsWith('SYSLOG')) return openSyslog(options, syslogSocket);
  assertWritable(target);
  const destination = pino.destination({ dest: target, mkdir: true, sync: false });
  const logger = pino(options, destination);
  return {
    logger,
    target,
    reopen: () => destination.reopen(),
    close: () => {
      try {
        destination.flushSync();
      } catch {
        // nothing written yet
      }
    },
  };
}

/** Opens the log file once up front: an unwritable target is one clear error, not a logger retrying forever. */
function assertWritable(file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    closeSync(openSync(file, 'a'));
  } catch (error) {
    throw new ServerError('E_LOGTARGET', `logtarget ${file}: cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function openSyslog(options: object, syslogSocket: string): ServerLog {
  const socket = syslogSocket === 'auto' ? '/dev/log' : syslogSocket;
  if (!existsSync(socket)) {
    const fallback = openServerLog('STDERR', 'INFO');
    fallback.logger.warn(`syslog socket ${socket} does not exist; logging to STDERR`);
    return fallback;
  }
  // Node has no Unix datagram sockets; util-linux `logger` forwards each line to syslog.
  const child = spawn('logger', ['-t', 'f2b-server', '-u', socket], { stdio: ['pipe', 'ignore', 'ignore'] });
  const logger = pino(options, child.stdin) as unknown as Logger<'notice'>;
  return { logger, target: 'SYSLOG', reopen: () => undefined, close: () => child.stdin.end() };
}
