/** @module interactive: `f2b-client -i`: a prompt with line editing and history, one command per line. */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ClientContext, ClientIo } from './context.js';
import { reportError, runCommand } from './dispatch.js';
import { splitWords } from './words.js';

const HISTORY_SIZE = 1000;

/** `$F2B_HISTFILE`, else `~/.f2b_client_history`. */
function historyFile(env: NodeJS.ProcessEnv): string {
  return env.F2B_HISTFILE ?? join(homedir(), '.f2b_client_history');
}

/** Earlier sessions' lines, newest first as readline wants them; none when the file is unreadable. */
function loadHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').reverse().slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

/** Reads commands until `exit`, `quit` or end of input; a failing command never ends the session. */
export async function runInteractive(ctx: ClientContext, io: ClientIo): Promise<number> {
  const file = historyFile(io.env);
  const session = createInterface({
    input: io.stdin,
    output: io.terminal ? process.stdout : undefined,
    terminal: io.terminal,
    history: loadHistory(file),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    prompt: 'f2b> ',
  });
  const typed: string[] = [];
  if (io.terminal) session.prompt();
  for await (const line of session) {
    const trimmed = line.trim();
    if (trimmed === 'exit' || trimmed === 'quit') break;
    if (trimmed !== '') {
      typed.push(trimmed);
      try {
        await runCommand(splitWords(trimmed), ctx);
      } catch (error) {
        reportError(error, ctx);
      }
    }
    if (io.terminal) session.prompt();
  }
  session.close();
  if (typed.length > 0) {
    try {
      const kept = [...loadHistory(file).reverse(), ...typed].slice(-HISTORY_SIZE);
      writeFileSync(file, `${kept.join('\n')}\n`, { mode: 0o600 });
    } catch {
      // History is a convenience; an unwritable home must not fail the session.
    }
  }
  return 0;
}
