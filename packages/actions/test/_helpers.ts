/** @module helpers: ban infos, specs and a recording runner for action tests. */
import type { ActionSpecInput, BanInfo, CommandResult, CommandRunner, ShellCommand } from '../src/index.js';

export function makeBan(overrides: Partial<BanInfo> = {}): BanInfo {
  return { ip: '192.0.2.7', family: 'inet4', failures: 3, matches: ['line one'], time: 1_700_000_000, bantime: 600, bancount: 1, restored: false, fields: {}, ...overrides };
}

export function makeSpec(options: Record<string, string>, conditional: Record<string, Record<string, string>> = {}): ActionSpecInput {
  return { name: 'test-action', file: '/etc/f2b/action.d/test-action.conf', options, conditional };
}

export interface Recorder {
  readonly runner: CommandRunner;
  readonly commands: ShellCommand[];
  readonly scripts: string[];
}

/** A runner that records commands; `answer` decides each result (default success). */
export function recordCommands(answer: (command: ShellCommand) => Partial<CommandResult> = () => ({})): Recorder {
  const commands: ShellCommand[] = [];
  return {
    commands,
    get scripts() {
      return commands.map((c) => c.script);
    },
    runner: async (command) => {
      commands.push(command);
      return { code: 0, signal: null, stdout: '', stderr: '', timedOut: false, ...answer(command) };
    },
  };
}

export function collectLogs(): { logger: { debug(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void }; errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  return { errors, warnings, logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error: (m) => errors.push(m) } };
}
