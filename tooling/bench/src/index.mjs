/** @module bench: measure workloads against a baseline in the same run; report ratios, never assert times. */
import { performance } from 'node:perf_hooks';

/**
 * Runs `fn` `rounds` times (after one warm-up) and returns the best wall time in milliseconds.
 * The best of several rounds is the least disturbed by the other core's load.
 */
export async function bestOf(fn, rounds = 3) {
  await fn();
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Percentile (0..100) of a list of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Prints one bench section: a title and aligned `name: value` rows. */
export function report(title, rows) {
  console.log(`\n## ${title}`);
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  for (const [name, value] of Object.entries(rows)) console.log(`  ${name.padEnd(width)}  ${value}`);
}

/** Formats a rate with thousands separators: `1,234,567/s`. */
export function rate(count, milliseconds) {
  return `${Math.round((count * 1000) / milliseconds).toLocaleString('en-US')}/s`;
}

export { startBenchRedis } from './redis.mjs';
