/** @module exec: run one `/bin/sh -c` script in its own process group, killing the whole group on timeout. */
import { spawn } from 'node:child_process';
import type { CommandResult, CommandRunner, ShellCommand } from './types.js';

/** Output kept per stream: enough for an error message, bounded whatever a command prints. */
const MAX_OUTPUT = 64 * 1024;

/** Options of `createShellRunner`. */
export interface ShellRunnerOptions {
  /**
   * Words run before `/bin/sh -c SCRIPT`, e.g. `['ip', 'netns', 'exec', 'ns1']` to apply an
   * unchanged action.d file inside a network namespace.
   */
  readonly prefix?: readonly string[];
  /** Shell binary (default `/bin/sh`). */
  readonly shell?: string;
  /** Base environment (default `process.env`); `F2B_*` values of the command are added on top. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Creates a `CommandRunner` that spawns a shell per command. */
export function createShellRunner(options: ShellRunnerOptions = {}): CommandRunner {
  const prefix = options.prefix ?? [];
  const shell = options.shell ?? '/bin/sh';
  return (command, timeoutMs) => runShellCommand(command, timeoutMs, prefix, shell, options.env ?? process.env);
}

function appendBounded(current: string, chunk: Buffer): string {
  if (current.length >= MAX_OUTPUT) return current;
  return (current + chunk.toString('utf8')).slice(0, MAX_OUTPUT);
}

function runShellCommand(
  command: ShellCommand,
  timeoutMs: number,
  prefix: readonly string[],
  shell: string,
  baseEnv: Readonly<Record<string, string | undefined>>,
): Promise<CommandResult> {
  const argv = [...prefix, shell, '-c', command.script];
  const [file, ...args] = argv as [string, ...string[]];
  return new Promise((resolve) => {
    // detached: the command leads its own process group, so a timeout kills every child
    // it started (pipes, sleeps, subshells), as Fail2Ban's tout_kill_tree does.
    const child = spawn(file, args, {
      env: { ...baseEnv, ...command.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const killGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      // A command that ignores SIGTERM still goes.
      setTimeout(() => killGroup('SIGKILL'), 500).unref();
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout = appendBounded(stdout, chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = appendBounded(stderr, chunk)));
    const finish = (code: number | null, signal: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Children left behind in the background must not outlive a timed-out command.
      if (timedOut) killGroup('SIGKILL');
      resolve({ code, signal, stdout, stderr, timedOut });
    };
    child.on('error', (error) => {
      stderr += error.message;
      finish(127, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
    // 'close' waits for the pipes; a background child (`sleep 600 &`) may hold them open,
    // so after the shell exits its output gets a short grace period only.
    child.on('exit', (code, signal) => {
      setTimeout(() => finish(code, signal), 200).unref();
    });
  });
}
