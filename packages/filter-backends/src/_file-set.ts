/** @module file-set: the files of one jail — glob expansion at start and reload, one follower per file. */
import { resolve } from 'node:path';
import { createLineDecoder, type LineDecoder } from './_decode.js';
import { FileFollower } from './_follower.js';
import { expandGlob, hasGlob } from './_glob.js';
import { DEFAULT_MAX_LINE_LENGTH } from './_split.js';
import { LogReadError, NoLogFilesError } from './errors.js';
import type { FileBackendOptions, LogPathSpec } from './types.js';

/** Normalises `logpaths` entries (strings mean `head`). */
export function normaliseLogPaths(logpaths: FileBackendOptions['logpaths']): LogPathSpec[] {
  return logpaths.map((entry) => (typeof entry === 'string' ? { path: entry, start: 'head' as const } : entry));
}

/** Followers for every file a jail's log paths name; a plain path is followed even while missing. */
export class FileSet {
  readonly followers = new Map<string, FileFollower>();
  readonly #specs: LogPathSpec[];
  readonly #decode: LineDecoder;
  #stopped = false;

  constructor(private readonly options: FileBackendOptions) {
    this.#specs = normaliseLogPaths(options.logpaths);
    this.#decode = createLineDecoder(options.encoding, options.jail ? { jail: options.jail } : undefined);
  }

  /** Expands the log paths, calls `afterExpand` (to watch before reading, so no event is missed), and opens the files; throws NoLogFilesError when none exists and `skipIfNoLogs` is off. */
  async start(afterExpand?: () => void): Promise<void> {
    await this.expand();
    afterExpand?.();
    await this.checkAll();
    const anyOpen = [...this.followers.values()].some((f) => f.isOpen);
    if (!anyOpen && !this.options.skipIfNoLogs) {
      await this.stop();
      throw new NoLogFilesError(
        this.#specs.map((s) => s.path),
        this.options.jail ? { jail: this.options.jail } : undefined,
      );
    }
  }

  /** Re-expands globs: new matches are followed from their start, paths no longer named are dropped. */
  async expand(): Promise<string[]> {
    const wanted = new Map<string, LogPathSpec>();
    for (const spec of this.#specs) {
      const paths = hasGlob(spec.path) ? await expandGlob(spec.path) : [resolve(spec.path)];
      for (const path of paths) if (!wanted.has(path)) wanted.set(path, spec);
    }
    for (const [path, follower] of this.followers) {
      if (!wanted.has(path)) {
        this.followers.delete(path);
        await follower.close();
      }
    }
    const added: string[] = [];
    for (const [path, spec] of wanted) {
      if (this.followers.has(path) || this.#stopped) continue;
      this.followers.set(
        path,
        new FileFollower({
          path,
          start: spec.start,
          decode: this.#decode,
          maxLineLength: this.options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
          positions: this.options.positions,
          deliver: this.options.onLines,
        }),
      );
      added.push(path);
    }
    return added;
  }

  /** Checks one file; errors go to `onError` (one unreadable file must not stop the others). */
  async checkFile(path: string): Promise<void> {
    const follower = this.followers.get(path);
    if (!follower) return;
    try {
      await follower.check();
    } catch (error) {
      this.reportError(new LogReadError(path, { cause: error }));
    }
  }

  /** Checks every file. */
  async checkAll(): Promise<void> {
    await Promise.all([...this.followers.keys()].map((path) => this.checkFile(path)));
  }

  /** Paths currently followed. */
  paths(): string[] {
    return [...this.followers.keys()];
  }

  reportError(error: Error): void {
    if (this.options.onError) this.options.onError(error);
    else process.emitWarning(error);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all([...this.followers.values()].map((f) => f.close()));
  }
}
