/** @module systemd: the `systemd` backend — follow the journal through `journalctl -o json --follow`, resuming at the saved cursor. */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createLineDecoder } from '../_decode.js';
import { DEFAULT_MAX_LINE_LENGTH } from '../_split.js';
import { BackendUnavailableError, JournalError } from '../errors.js';
import type { Backend, BackendBaseOptions, LogLine } from '../types.js';
import { buildJournalctlArgs, type JournalSelection } from './_args.js';
import { formatJournalLine, parseJournalEntry } from './_entry.js';

/** Registry name. */
export const NAME = 'systemd';

/** The key the cursor is saved under in the PositionStore (`hash` = cursor, `pos` = entry time in µs). */
export const JOURNAL_POSITION_KEY = 'systemd-journal';

/** Options of the `systemd` backend. */
export interface SystemdOptions extends BackendBaseOptions, JournalSelection {
  /** Epoch seconds to start from when no cursor is saved (Fail2Ban starts `findtime` ago); default: only new entries. */
  readonly since?: number;
  /** Encoding of messages journald stored as bytes (default utf-8). */
  readonly encoding?: string;
  /** Cut lines longer than this many characters (default 65536). */
  readonly maxLineLength?: number;
  /** journalctl to run (default: found on PATH). */
  readonly journalctl?: string;
  /** Milliseconds before journalctl is started again after it exited on its own (default 1000). */
  readonly restartDelay?: number;
  /** Jail name, for the position key and messages. */
  readonly jail?: string;
}

/** JSON lines longer than this are dropped: journald's own field limits keep real entries far below it. */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/** Finds journalctl on PATH. */
export function findJournalctl(): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'journalctl');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}

/** Why the journal cannot be read here, or null when it can. */
export function checkSystemdAvailable(): string | null {
  return findJournalctl() ? null : 'journalctl was not found on PATH';
}

/** Creates a backend that follows the journal entries matching the jail's `journalmatch`. */
export function createSystemdBackend(options: SystemdOptions): Backend {
  const decode = createLineDecoder(options.encoding, options.jail ? { jail: options.jail } : undefined);
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const key = JOURNAL_POSITION_KEY;
  let cursor = options.positions?.get(key)?.hash;
  let child: ChildProcess | undefined;
  let stopped = false;
  let restartTimer: NodeJS.Timeout | undefined;

  const reportError = (error: Error): void => {
    if (options.onError) options.onError(error);
    else process.emitWarning(error);
  };

  /** Runs journalctl once; `follow` keeps it open. Resolves when it has spawned, `done` when it exits. */
  const run = (follow: boolean): { spawned: Promise<void>; done: Promise<number | null> } => {
    const binary = options.journalctl ?? findJournalctl();
    if (!binary) throw new BackendUnavailableError(NAME, 'journalctl was not found on PATH', options.jail ? { jail: options.jail } : undefined);
    const args = buildJournalctlArgs(options, { ...(cursor ? { cursor } : {}), ...(options.since !== undefined ? { since: options.since } : {}), follow });
    const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      if (stopped && follow) return;
      pending += chunk;
      const lines: LogLine[] = [];
      let start = 0;
      for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n', start)) {
        const text = pending.slice(start, newline);
        start = newline + 1;
        const fields = parseJournalEntry(text, decode);
        if (!fields) {
          reportError(new JournalError(`unexpected output line: ${text.slice(0, 80)}`));
          continue;
        }
        if (fields['__CURSOR']) cursor = fields['__CURSOR'];
        lines.push(formatJournalLine(fields, key, maxLineLength));
      }
      pending = pending.slice(start);
      if (pending.length > MAX_ENTRY_BYTES) {
        reportError(new JournalError(`entry longer than ${MAX_ENTRY_BYTES} bytes dropped`));
        pending = '';
      }
      if (lines.length === 0) return;
      options.onLines(lines);
      const last = lines[lines.length - 1]!;
      const micros = Number(last.fields?.['__REALTIME_TIMESTAMP'] ?? 0);
      if (cursor) options.positions?.set(key, { hash: cursor, pos: Number.isFinite(micros) ? micros : 0 });
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    let failedToSpawn = false;
    const spawned = new Promise<void>((resolve, reject) => {
      proc.once('spawn', () => resolve());
      proc.once('error', (error) => {
        failedToSpawn = true;
        reject(new BackendUnavailableError(NAME, `cannot run ${binary}: ${error.message}`));
      });
    });
    const done = new Promise<number | null>((resolve) => {
      proc.once('close', (code) => {
        if (code !== 0 && code !== null && !stopped && !failedToSpawn) {
          reportError(new JournalError(`exited with ${code}: ${stderr.trim().split('\n')[0] ?? ''}`));
          // A cursor journalctl cannot seek to (corrupt, or from a vacuumed journal) would fail every restart.
          if (/cursor/i.test(stderr)) cursor = undefined;
        }
        resolve(code);
      });
      proc.once('error', () => resolve(null));
    });
    if (follow) child = proc;
    return { spawned, done };
  };

  const follow = async (): Promise<void> => {
    const { spawned, done } = run(true);
    try {
      await spawned;
    } catch (error) {
      child = undefined;
      throw error;
    }
    void done.then(() => {
      child = undefined;
      // journalctl ended without being asked to (journal rotated away, crash): start again after the saved cursor.
      if (!stopped) restartTimer = setTimeout(() => follow().catch(reportError), options.restartDelay ?? 1000);
    });
  };

  return {
    name: NAME,
    async start() {
      stopped = false;
      await follow();
    },
    async stop() {
      stopped = true;
      clearTimeout(restartTimer);
      const proc = child;
      if (!proc || proc.exitCode !== null) return;
      const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
      proc.kill('SIGTERM');
      await closed;
    },
    /** Reads every matching entry after the cursor without following (a one-shot catch-up). */
    async checkNow() {
      if (child) return; // Following already delivers everything; a second reader would repeat lines.
      const { spawned, done } = run(false);
      await spawned;
      await done;
    },
  };
}
