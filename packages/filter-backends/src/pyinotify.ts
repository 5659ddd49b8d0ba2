/** @module pyinotify: the event-driven backend — file events (inotify on Linux) wake the reader, a slow poll catches what events miss. */
import { watch, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FileSet } from './_file-set.js';
import type { Backend, FileBackendOptions } from './types.js';

/** Registry name (Fail2Ban's name for its inotify backend, so existing jail.local files keep working). */
export const NAME = 'pyinotify';

/** Options of the `pyinotify` backend. */
export interface PyinotifyOptions extends FileBackendOptions {
  /** Milliseconds between safety checks of every file, for events that never come (network filesystems, a renamed file still written to). Default 1000. */
  readonly interval?: number;
}

/** Why file events cannot be used here, or null when they can. */
export function checkPyinotifyAvailable(): string | null {
  try {
    watch(tmpdir(), () => undefined).close();
    return null;
  } catch (error) {
    return `file events cannot be watched (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Creates a backend that reads a file as soon as its directory reports a change to it. */
export function createPyinotifyBackend(options: PyinotifyOptions): Backend {
  const interval = options.interval ?? 1000;
  const files = new FileSet(options);
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const pending = new Set<Promise<void>>();

  const track = (work: Promise<void>): void => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  const onEvent = (dir: string, filename: string | Buffer | null): void => {
    if (stopped) return;
    if (filename === null) {
      for (const path of files.paths()) if (dirname(path) === dir) track(files.checkFile(path));
      return;
    }
    const path = join(dir, filename.toString());
    if (files.followers.has(path)) track(files.checkFile(path));
  };

  // Watching the directory (not the file) also sees a file re-created under the same name after rotation.
  const watchDirectories = (): void => {
    const wanted = new Set(files.paths().map((p) => dirname(p)));
    for (const [dir, watcher] of watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, (_event, filename) => onEvent(dir, filename));
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // Missing directory or no events here: the safety poll covers it, and we retry on the next tick.
      }
    }
  };

  const tick = (): void => {
    watchDirectories();
    running = files.checkAll().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, interval);
    });
  };

  return {
    name: NAME,
    async start() {
      await files.start(watchDirectories);
      timer = setTimeout(tick, interval);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      await running;
      await Promise.all(pending);
      await files.stop();
    },
    async reload() {
      await files.expand();
      watchDirectories();
      await files.checkAll();
    },
    files: () => files.paths(),
    checkNow: () => files.checkAll(),
  };
}
