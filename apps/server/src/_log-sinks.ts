/** @module _log-sinks: the places the server log can go — STDOUT/STDERR, SYSLOG, or a file. */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  const logger = findOnPath('logger');
  if (!logger) throw new ServerError('E_LOGTARGET', 'logtarget SYSLOG: the logger command (util-linux bsdutils) is not installed');
  // Node has no Unix datagram sockets; util-linux `logger` sends each stdin line as one datagram.
  // --prio-prefix: each line carries its own <PRI>, so a pino level keeps its syslog severity.
  // -S: pino lines with matches are longer than logger's 1 KiB default (rsyslog's limit is 8 KiB).
  // --id: syslog shows the server's pid, not logger's.
  const args = ['-t', 'f2b-server', `--id=${process.pid}`, '-u', socket, '--prio-prefix', '-S', '8192'];
  let child: ChildProcess | null = null;
  let ended = false;
  let lastSpawn = 0;
  const spawnLogger = (): ChildProcess | null => {
    // A logger that keeps dying (socket gone) is not restarted more than once a second.
    if (Date.now() - lastSpawn < 1000) return null;
    lastSpawn = Date.now();
    const next = spawn(logger, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    next.on('error', () => undefined);
    next.stdin!.on('error', () => undefined);
    next.on('exit', () => {
      if (child === next) child = null;
    });
    return next;
  };
  child = spawnLogger();
  return {
    target: 'SYSLOG',
    write: (line) => {
      if (ended) return;
      child ??= spawnLogger();
      child?.stdin?.write(`<${syslogPriority(line)}>${line}`);
    },
    reopen: () => undefined,
    // Lines are handed to the pipe as they come; logger sends each one as soon as it reads it.
    flush: () => undefined,
    end: () => {
      ended = true;
      // EOF: logger sends what is still in the pipe, then exits (even after the server has exited).
      child?.stdin?.end();
      child = null;
    },
  };
}

/** Fail2Ban logs to the daemon facility (3); the severity follows pino's level number at the start of the line. */
function syslogPriority(line: string): number {
  const level = Number(/^\{"level":(\d+)/.exec(line)?.[1] ?? 30);
  const severity = level >= 60 ? 2 : level >= 50 ? 3 : level >= 40 ? 4 : level >= 35 ? 5 : level >= 30 ? 6 : 7;
  return 3 * 8 + severity;
}

function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
    if (!dir) continue;
    const file = join(dir, command);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
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
  const batch = new LineBatch((text) => void destination.write(text));
  return {
    target: file,
    write: (line) => batch.add(line),
    reopen: () => {
      batch.drain();
      reported = false;
      destination.reopen();
    },
    // Not flushSync: it writes the buffer past a write still in flight, so the last lines came out
    // of order (`Exiting f2b` before `Jail 'x' stopped`). flush/end queue behind it; Node waits for them.
    flush: () => {
      batch.drain();
      destination.flush(() => undefined);
    },
    end: () => {
      batch.drain();
      try {
        destination.end();
      } catch {
        // already destroyed by a write error, reported above
      }
    },
  };
}

/**
 * Lines logged in one turn of the event loop, handed to the writer as one string. SonicBoom appends each write to
 * a growing string and measures that string again, which is quadratic in a burst (a flood logs a line per failure).
 */
class LineBatch {
  private pending: string[] = [];

  constructor(private readonly write: (text: string) => void) {}

  add(line: string): void {
    if (this.pending.push(line) === 1) setImmediate(() => this.drain());
  }

  drain(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.write(text);
  }
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
