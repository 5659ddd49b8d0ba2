/** @module client-harness: run f2b-client in-process against a real command server with a fake handler. */
import { Readable } from 'node:stream';
import { createCommandServer, type Command, type CommandServer } from '@f2b/transmitter';
import { runClient } from '../src/client/run.js';

export interface ClientRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the client with `argv`; `input` feeds `-i`. */
export async function runF2bClient(argv: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ClientRun> {
  let stdout = '';
  let stderr = '';
  const status = await runClient(argv, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += `${text}\n`),
    env: options.env ?? {},
    stdin: Readable.from(options.input === undefined ? [] : [options.input]),
    terminal: false,
  });
  return { status, stdout, stderr };
}

/** Starts a command server answering with `answer`; records every command it gets. */
export async function startFakeServer(socketPath: string, answer: (command: Command) => unknown): Promise<{ server: CommandServer; seen: Command[] }> {
  const seen: Command[] = [];
  const server = await createCommandServer({
    socketPath,
    handle: (command) => {
      seen.push(command);
      return answer(command);
    },
  });
  return { server, seen };
}
