/** @module mlfid-cache-test: the queue-based multi-line id cache against a plain insertion-ordered map. */
import { describe, expect, it } from 'vitest';
import { MlfidCache } from '../src/_multiline.js';

/** The plain model of Fail2Ban's cache the queue-based one must agree with: a Map in insertion order. */
class ModelCache {
  readonly entries = new Map<string, { until: number; fail: Record<string, unknown> }>();
  constructor(private readonly now: () => number, private readonly maxCount: number, private readonly maxTime: number) {}
  get(id: string): Record<string, unknown> | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.until <= this.now()) { this.entries.delete(id); return undefined; }
    return e.fail;
  }
  set(id: string, fail: Record<string, unknown>): void {
    this.entries.delete(id);
    if (this.entries.size >= this.maxCount) {
      const t = this.now();
      for (const [k, e] of this.entries) {
        if (e.until > t && this.entries.size < this.maxCount) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(id, { until: this.now() + this.maxTime, fail });
  }
  unset(id: string): void {
    this.entries.delete(id);
  }
}

describe('MlfidCache', () => {
  it('agrees with a plain insertion-ordered map under random gets, sets, unsets and expiry', () => {
    let seed = 7;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (const [maxCount, ids] of [[100, 300], [5, 8], [3, 3], [100, 20]] as const) {
      let t = 1000;
      const now = (): number => t;
      const cache = new MlfidCache(now, maxCount, 30);
      const model = new ModelCache(now, maxCount, 30);
      for (let step = 0; step < 10000; step++) {
        const id = `conn${rnd(ids)}`;
        const op = rnd(10);
        if (op < 4) expect(cache.get(id)).toBe(model.get(id));
        else if (op < 9) { const fail = { step }; cache.set(id, fail); model.set(id, fail); }
        else { cache.unset(id); model.unset(id); }
        if (rnd(20) === 0) t += rnd(5);
        expect(cache.size).toBe(model.entries.size);
      }
      // Every id the model holds is found with the same failure, and no other.
      for (let k = 0; k < ids; k++) expect(cache.get(`conn${k}`)).toBe(model.get(`conn${k}`));
    }
  });

  it('keeps its queue bounded when one id is replaced over and over', () => {
    const cache = new MlfidCache(() => 0, 100, 300);
    for (let k = 0; k < 100000; k++) cache.set('same', { k });
    expect(cache.size).toBe(1);
    expect((cache as unknown as { queue: unknown[] }).queue.length).toBeLessThan(1000);
  });
});
