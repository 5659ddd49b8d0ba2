/** @module idle-gc.test: the server collects after a burst of lines once they stop, and never during one. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleCollector } from '../src/_idle-gc.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('IdleCollector', () => {
  it('collects twice once a burst has been quiet (end of tally, then the shrinking one), not for a trickle', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const collector = new IdleCollector(collect, 100, 1000, 6000);
    collector.noteLines(99);
    vi.advanceTimersByTime(10_000);
    expect(collect).not.toHaveBeenCalled();
    // The burst: lines keep coming every half second, so nothing runs meanwhile.
    for (let i = 0; i < 10; i++) {
      collector.noteLines(50);
      vi.advanceTimersByTime(500);
    }
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(6000);
    expect(collect).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(60_000);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('collects at once when a burst has drained (no waiting for quiet), then the shrinking one later', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const collector = new IdleCollector(collect, 100, 1000, 6000);
    // Caught up, but too few lines since the last collection: nothing.
    collector.noteLines(50, true);
    expect(collect).not.toHaveBeenCalled();
    collector.noteLines(40, false);
    expect(collect).not.toHaveBeenCalled();
    collector.noteLines(20, true);
    expect(collect).toHaveBeenCalledTimes(1);
    // The quiet-time clock of the undrained batch does not add a collection of its own.
    vi.advanceTimersByTime(1000);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(collect).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(60_000);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('does nothing after stop, and nothing where no collector is available', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const collector = new IdleCollector(collect, 10, 1000, 6000);
    collector.noteLines(20);
    collector.stop();
    vi.advanceTimersByTime(10_000);
    expect(collect).not.toHaveBeenCalled();
    const none = new IdleCollector(null, 10, 1000, 6000);
    none.noteLines(20);
    vi.advanceTimersByTime(10_000);
  });
});
