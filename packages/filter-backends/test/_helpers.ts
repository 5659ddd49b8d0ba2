/** @module test-helpers: collect delivered lines and wait for them without fixed sleeps. */
import type { Backend, FileBackendOptions, LogLine } from '../src/index.js';
import { createPollingBackend, createPyinotifyBackend } from '../src/index.js';

export interface Collector {
  readonly lines: LogLine[];
  readonly errors: Error[];
  readonly onLines: (batch: readonly LogLine[]) => void;
  readonly onError: (error: Error) => void;
  /** Resolves once at least `count` lines arrived; rejects after `timeout` ms with what arrived. */
  waitFor(count: number, timeout?: number): Promise<void>;
  texts(): string[];
}

export function makeCollector(): Collector {
  const lines: LogLine[] = [];
  const errors: Error[] = [];
  return {
    lines,
    errors,
    onLines: (batch) => {
      for (const line of batch) lines.push(line);
    },
    onError: (error) => errors.push(error),
    async waitFor(count, timeout = 10_000) {
      const deadline = Date.now() + timeout;
      while (lines.length < count) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} lines, got ${lines.length}: ${JSON.stringify(lines.slice(-3).map((l) => l.line))}`);
        await sleep(5);
      }
    },
    texts: () => lines.map((l) => l.line),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The file backends under test, with intervals small enough for tests. pyinotify's safety poll is kept slow so events do the work. */
export const FILE_BACKENDS: readonly { name: string; create: (options: FileBackendOptions) => Backend }[] = [
  { name: 'polling', create: (options) => createPollingBackend({ interval: 10, ...options }) },
  { name: 'pyinotify', create: (options) => createPyinotifyBackend({ interval: 2000, ...options }) },
];
