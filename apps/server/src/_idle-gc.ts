/**
 * @module _idle-gc: one full garbage collection once the server goes quiet after a burst of log lines.
 *
 * A flood makes V8 grow its young generation (to 32 MB) and leaves the old one fragmented; V8 gives that back
 * only at a GC run while little is being allocated — and an idle server allocates nothing, so none comes. Measured
 * on a 100,000-address flood, this one collection takes RSS growth from ~600 to ~250 bytes per address, for ~20 ms.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Lines that make a burst worth a collection afterwards (fewer leave too little behind to matter). */
export const BURST_LINES = 20_000;
/** Quiet time after the last line before collecting. */
export const QUIET_MS = 1000;
// V8 judges the allocation rate over its last five seconds.
const SHRINK_AFTER_MS = 6000;

/**
 * Counts processed lines and collects after a burst: at once when the jails have caught up with their logs (a
 * flood's garbage is gone before anyone asks the server how it did), else once lines stop coming.
 */
export class IdleCollector {
  private lines = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly collect: (() => void) | null = fullGc(),
    private readonly burst = BURST_LINES,
    private readonly quietMs = QUIET_MS,
    private readonly shrinkAfterMs = SHRINK_AFTER_MS,
  ) {}

  /**
   * Called after each batch of lines; `drained`: no batch is waiting behind it. A drained burst is collected now
   * (one full collection, ~20 ms for 100,000 addresses); an undrained one (re)starts the quiet-time clock.
   */
  noteLines(count: number, drained = false): void {
    if (this.collect === null) return;
    this.lines += count;
    if (this.lines < this.burst) return;
    if (drained) {
      if (this.timer) clearTimeout(this.timer);
      this.run();
      return;
    }
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => this.run(), this.quietMs);
    // Never keeps the process alive on its own.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.lines = 0;
    this.collect?.();
    // V8 shrinks the young generation only at a collection that sees allocation almost stopped, measured since
    // the previous one: the first collection ends the burst's tally, a second one a moment later shrinks.
    this.timer = setTimeout(() => {
      this.timer = null;
      // Lines of a new burst pushed this timer back: they have been quiet as long, so start over with them.
      if (this.lines === 0) this.collect?.();
      else this.run();
    }, this.shrinkAfterMs);
    this.timer.unref();
  }
}

/**
 * V8's full collection. The flag only makes `gc` visible to contexts created after it, so a throwaway context
 * hands it over: the server's own global scope never gets a `gc`. Null where the runtime refuses.
 */
function fullGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}
