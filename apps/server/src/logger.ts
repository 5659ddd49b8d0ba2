/** @module logger: the server's structured log (pino), with Fail2Ban's levels and a target that can change at run time. */
import { pino, type Logger } from 'pino';
import { ServerError } from './errors.js';
import { openLogSink, type LogSink } from './_log-sinks.js';

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

/** The server's logger and what it writes to; `reopen` follows logrotate (SIGUSR1, flushlogs). */
export interface ServerLog {
  /** The one logger the server and every jail write through; it stays valid across `setTarget`. */
  readonly logger: Logger<'notice'>;
  readonly target: string;
  /**
   * Switches every later line (server and jails) to `target` and returns its name. An unusable target
   * throws E_LOGTARGET and the current one stays in use.
   */
  setTarget(target: string): string;
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
 * the `syslogsocket` given), or a file path. An unwritable file throws E_LOGTARGET; a syslog socket
 * that does not exist (or SYSTEMD-JOURNAL) falls back to STDERR with a warning.
 */
export function openServerLog(target: string, level: string, syslogSocket = 'auto'): ServerLog {
  const options = { customLevels: { notice: 35 }, level: pinoLevel(level), base: { pid: process.pid }, timestamp: isoTime };
  let fallbackReason: string | null = null;
  let sink: LogSink;
  try {
    sink = openLogSink(target, syslogSocket);
  } catch (error) {
    if (isFileTarget(target)) throw error;
    fallbackReason = (error as Error).message;
    sink = openLogSink('STDERR', syslogSocket);
  }
  // pino keeps this object for good; swapping `sink` underneath redirects the server and every jail at once.
  const forward = { write: (line: string) => sink.write(line), flush: (done?: () => void) => (sink.flush(), done?.()) };
  const logger = pino(options, forward) as unknown as Logger<'notice'>;
  if (fallbackReason) logger.warn(`${fallbackReason}; logging to STDERR`);
  return {
    logger,
    get target() {
      return sink.target;
    },
    setTarget(next: string): string {
      // Fail2Ban keeps the open handler when the target is unchanged.
      if (next === sink.target || (!isFileTarget(next) && normalTarget(next) === sink.target)) return sink.target;
      const fresh = openLogSink(next, syslogSocket);
      const old = sink;
      logger.info(`Changing logtarget to ${fresh.target}`);
      sink = fresh;
      old.end();
      logger.info(`Logging to ${fresh.target} (was ${old.target})`);
      return fresh.target;
    },
    reopen: () => sink.reopen(),
    close: () => sink.end(),
  };
}

let isoMs = Number.NaN;
let isoText = '';

/** pino's isoTime, built once per millisecond: a flood logs many lines in each. */
function isoTime(): string {
  const now = Date.now();
  if (now !== isoMs) {
    isoMs = now;
    isoText = `,"time":"${new Date(now).toISOString()}"`;
  }
  return isoText;
}

/** A target that names a file rather than one of Fail2Ban's reserved words. */
function isFileTarget(target: string): boolean {
  return !/^(STDOUT|SYSOUT|STDERR|SYSLOG|SYSTEMD-JOURNAL)(\[.*\])?$/i.test(target);
}

function normalTarget(target: string): string {
  const upper = target.toUpperCase();
  return upper === 'SYSOUT' ? 'STDOUT' : upper.startsWith('SYSLOG') ? 'SYSLOG' : upper;
}
