/** @module context: what every client command needs: where to talk, how to print, how long to wait. */
import type { Readable } from 'node:stream';

/** Resolved options and output sinks for one client run. */
export interface ClientContext {
  readonly socket: string;
  readonly confDir: string;
  readonly verbosity: number;
  readonly json: boolean;
  readonly force: boolean;
  readonly timeoutMs: number;
  readonly env: NodeJS.ProcessEnv;
  /** Prints one message (a newline is added). */
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Where the client reads and writes; tests pass their own. */
export interface ClientIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: Readable;
  /** True when stdin is a terminal (prompt and line editing). */
  readonly terminal: boolean;
}

