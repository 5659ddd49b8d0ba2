/** @module dispatch: run one command (local or sent to the server), print its result, and map errors to exit statuses. */
import { CommandError, helpText, parseCommand, sendCommand } from '@f2b/transmitter';
import { isUserError, UsageError } from '../errors.js';
import type { ClientContext } from './context.js';
import { formatResult } from './format.js';
import { localeIsUtf8 } from './_format-status.js';
import { restartServer, startServer, stopServer } from './start.js';
import { importFail2banDatabase } from './import-db.js';

/** Exit statuses, as fail2ban-client uses them where it has them. */
export const EXIT = {
  ok: 0,
  /** The server ran the command and reported a failure. */
  failed: 1,
  /** Bad flags or a bad command. */
  usage: 2,
  /** An unexpected error: a bug in f2b. */
  bug: 70,
  /** The server is not running, cannot be reached, or did not come up (Fail2Ban's 255). */
  unreachable: 255,
} as const;

const UNREACHABLE_CODES = new Set(['E_NOT_RUNNING', 'E_ACCESS', 'E_TIMEOUT', 'E_PROTOCOL']);

/** Runs one command (words as typed) and returns its exit status; user errors are thrown. */
export async function runCommand(words: readonly string[], ctx: ClientContext): Promise<number> {
  if (words[0] === 'help' && words.length === 1) {
    ctx.stdout(helpText());
    return EXIT.ok;
  }
  if (words[0] === 'import-fail2ban-db') return importFail2banDatabase(words, ctx);
  const command = parseCommand(words);
  if (command.kind === 'start') return startServer(ctx);
  if (command.kind === 'restart') return restartServer(ctx);
  if (command.kind === 'stop') return stopServer(ctx);
  if (ctx.verbosity > 1) ctx.stderr(`Sending ${JSON.stringify(words)} to ${ctx.socket}`);
  const reply = await sendCommand(ctx.socket, words, { timeoutMs: ctx.timeoutMs });
  if (!reply.ok) {
    if (ctx.json) ctx.stdout(JSON.stringify({ error: reply.error }));
    ctx.stderr(ctx.verbosity > 0 ? `${reply.error.code}: ${reply.error.message}` : reply.error.message);
    return EXIT.failed;
  }
  ctx.stdout(ctx.json ? JSON.stringify(reply.result) : formatResult(command, reply.result, { unicode: localeIsUtf8(ctx.env) }));
  return EXIT.ok;
}

/** The exit status for an error thrown by a command; prints it. */
export function reportError(error: unknown, ctx: Pick<ClientContext, 'stderr' | 'verbosity'>): number {
  if (error instanceof CommandError || error instanceof UsageError) {
    ctx.stderr(error.message);
    return EXIT.usage;
  }
  if (isUserError(error)) {
    ctx.stderr(error.message);
    return UNREACHABLE_CODES.has(error.code) ? EXIT.unreachable : EXIT.usage;
  }
  const details = error instanceof Error ? (error.stack ?? error.message) : String(error);
  ctx.stderr(`f2b-client: this is a bug, please report it with the details below\n${details}`);
  return EXIT.bug;
}

