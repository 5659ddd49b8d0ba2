/** @module _log-sinks: the places the server log can go — STDOUT/STDERR, SYSLOG, or a file. */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino } from 'pino';
import { ServerError } from './errors.js';
import { makeMissingDirs } from './_make-dirs.js';

/** One log target; the server's logger writes through whichever sink is current. */
export interface LogSink {
  /** As `get logtarget` reports it: STDOUT, STDERR, SYSLOG or the file path. */
  readonly target: string;
  write(line: string): void;
  /** Reopens a file (logrotate moved it); nothing for the other targets. */
  reopen(): void;
  /** Writes out what is buffered. */
  flush(): void;
  /** Flushes and lets go of the target (the sink is not written to again). */
  end(): void;
}

/**
 * Opens `target` (Fail2Ban's names, case-insensitive, or a file path). A target that cannot be used
 * throws E_LOGTARGET naming it, so the caller keeps its previous sink.
 */
export function openLogSink(target: string, syslogSocket: string): LogSink {
  const upper = target.toUpperCase();
  // SYSOUT is Fail2Ban's other name for STDOUT.
  if (upper === 'STDOUT' || upper === 'SYSOUT' || upper === 'STDERR') return openStdSink(upper === 'STDERR' ? 'STDERR' : 'STDOUT');
  if (upper === 'SYSLOG' || upper.startsWith('SYSLOG[')) return openSyslogSink(syslogSocket);
  if (upper === 'SYSTEMD-JOURNAL' || upper.startsWith('SYSTEMD-JOURNAL[')) {
    throw new ServerError('E_LOGTARGET', `logtarget ${target}: not supported by f2b (use STDERR: journald records a service's stderr)`);
  }
  return openFileSink(target);
}

function openStdSink(name: 'STDOUT' | 'STDERR'): LogSink {
  const destination = pino.destination({ fd: name === 'STDOUT' ? 1 : 2, sync: true });
  // A closed stdout/stderr (EPIPE) must not take the server down.
  destination.on('error', () => undefined);
  return {
    target: name,
    write: (line) => void destination.write(line),
    reopen: () => undefined,
    flush: () => flushQuietly(destination),
    end: () => flushQuietly(destination),
  };
}

function openSyslogSink(syslogSocket: string): LogSink {
  const socket = syslogSocket === 'auto' ? '/dev/log' : syslogSocket;
  if (!existsSync(socket)) throw new ServerError('E_LOGTARGET', `logtarget SYSLOG: syslog socket ${socket} does not exist`);
  // Node has no Unix datagram sockets; util-linux `logger` forwards each line to syslog.
  const child = spawn('logger', ['-t', 'f2b-server', '-u', socket], { stdio: ['pipe', 'ignore', 'ignore'] });
  child.on('error', () => undefined);
  child.stdin.on('error', () => undefined);
  return {
    target: 'SYSLOG',
    write: (line) => void child.stdin.write(line),
    reopen: () => undefined,
    flush: () => undefined,
    end: () => void child.stdin.end(),
  };
}

function openFileSink(file: string): LogSink {
  assertWritable(file);
  // mkdir: false — the directory exists now, and SonicBoom's recursive mkdir can hang under /proc.
  const destination = pino.destination({ dest: file, mkdir: false, sync: false });
  let reported = false;
  destination.on('error', (error: NodeJS.ErrnoException) => {
    // Say it once on stderr; the log file itself is what failed.
    if (!reported) process.stderr.write(`f2b-server: logtarget ${file}: ${error.code ?? error.message}\n`);
    reported = true;
  });
  return {
    target: file,
    write: (line) => void destination.write(line),
    reopen: () => {
      reported = false;
      destination.reopen();
    },
    flush: () => flushQuietly(destination),
    end: () => {
      flushQuietly(destination);
      destination.end();
    },
  };
}

/** Opens the file once up front: an unwritable target is one clear error, not a writer retrying forever. */
function assertWritable(file: string): void {
  try {
    makeMissingDirs(dirname(file));
    closeSync(openSync(file, 'a'));
  } catch (error) {
    throw new ServerError('E_LOGTARGET', `logtarget ${file}: cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function flushQuietly(destination: { flushSync(): void }): void {
  try {
    destination.flushSync();
  } catch {
    // nothing written yet, or the file is not open yet
  }
}
