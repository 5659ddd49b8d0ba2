/** @module polling: the `polling` backend — stat every file on an interval (works on every filesystem). */
import { FileSet } from './_file-set.js';
import type { Backend, FileBackendOptions } from './types.js';

/** Registry name. */
export const NAME = 'polling';

/** Options of the `polling` backend. */
export interface PollingOptions extends FileBackendOptions {
  /** Milliseconds between two checks of every file (default 1000, as Fail2Ban's polling sleeps one second). */
  readonly interval?: number;
}

/** Creates a backend that checks each file for growth, rotation and truncation every `interval` ms. */
export function createPollingBackend(options: PollingOptions): Backend {
  const interval = options.interval ?? 1000;
  const files = new FileSet(options);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = (): void => {
    running = files.checkAll().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, interval);
    });
  };

  return {
    name: NAME,
    async start() {
      await files.start();
      timer = setTimeout(tick, interval);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await files.stop();
    },
    async reload() {
      await files.expand();
      await files.checkAll();
    },
    files: () => files.paths(),
    checkNow: () => files.checkAll(),
  };
}
