/** @module run: f2b-client's top level: flags, then one command, the interactive prompt, or a config check. */
import { readFileSync } from 'node:fs';
import { helpText, parseDuration } from '@f2b/transmitter';
import { UsageError } from '../errors.js';
import { parseClientArgs, USAGE } from './args.js';
import { checkConfig } from './check-config.js';
import { resolveConfDir, resolveSocket } from './config.js';
import type { ClientContext, ClientIo } from './context.js';
import { EXIT, reportError, runCommand } from './dispatch.js';
import { runInteractive } from './interactive.js';

export type { ClientIo } from './context.js';

function clientVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

/** f2b-client's main: returns the exit status. */
export async function runClient(argv: readonly string[], io: ClientIo): Promise<number> {
  let verbosity = 0;
  try {
    const args = parseClientArgs(argv);
    verbosity = args.verbosity;
    if (args.help) {
      io.stdout(`${USAGE}\n${helpText()}`);
      return EXIT.ok;
    }
    if (args.version) {
      io.stdout(`f2b-client ${clientVersion()}`);
      return EXIT.ok;
    }
    if (args.str2sec !== null) {
      const seconds = parseDuration(args.str2sec);
      if (seconds === null) throw new UsageError(`--str2sec: '${args.str2sec}' is not a duration (e.g. 600, 10m, 1h 30m)`);
      io.stdout(String(seconds));
      return EXIT.ok;
    }
    const confDir = resolveConfDir(args.confDir, io.env);
    const ctx: ClientContext = {
      confDir,
      socket: resolveSocket(args.socket, confDir),
      verbosity: args.verbosity,
      json: args.json,
      force: args.force,
      timeoutMs: args.timeoutSeconds * 1000,
      env: io.env,
      stdout: io.stdout,
      stderr: io.stderr,
    };
    if (ctx.verbosity > 0) io.stderr(`Using socket file ${ctx.socket}\nUsing config dir ${ctx.confDir}`);
    if (args.dump || args.test) return await checkConfig(ctx, args.dump ? 'dump' : 'test');
    if (args.interactive) return await runInteractive(ctx, io);
    if (args.words.length === 0) throw new UsageError('no command given (see f2b-client -h)');
    return await runCommand(args.words, ctx);
  } catch (error) {
    return reportError(error, { stderr: io.stderr, verbosity });
  }
}
