/**
 * @module bench/_gc-on-signal: preloaded into the benched server only (`--expose-gc --import`), so the bench can ask
 * for a full GC before reading RSS. With F2B_HEAP_SNAPSHOT_DIR set, each signal also writes a heap snapshot there
 * (summarise two of them with bench/heap-summary.mjs to see where the bytes per address go).
 */
import { writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';

let taken = 0;
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const dir = process.env.F2B_HEAP_SNAPSHOT_DIR;
  if (dir) writeHeapSnapshot(join(dir, `f2b-server-${++taken}.heapsnapshot`));
});
