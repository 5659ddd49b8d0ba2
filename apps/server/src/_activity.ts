/** @module _activity: what the status page shows of the recent past — the last bans and unbans, failures per minute. */
import type { StatusEvent } from '@f2b/transmitter';

/** Events kept for the page and `status --json`. */
const EVENTS_KEPT = 50;
/** One bucket per minute, for the last hour. */
const MINUTES = 60;

/** Bounded memory of recent activity (fixed-size rings: an attack cannot make it grow). */
export class ActivityLog {
  private readonly events: StatusEvent[] = [];
  private readonly buckets = new Float64Array(MINUTES);
  /** The minute (epoch / 60) each bucket holds. */
  private readonly bucketMinute = new Float64Array(MINUTES).fill(-1);

  /** Counts failures found at `now` (epoch seconds). */
  failures(now: number, count = 1): void {
    const minute = Math.floor(now / 60);
    const slot = minute % MINUTES;
    if (this.bucketMinute[slot] !== minute) {
      this.bucketMinute[slot] = minute;
      this.buckets[slot] = 0;
    }
    this.buckets[slot] = (this.buckets[slot] as number) + count;
  }

  record(event: StatusEvent): void {
    this.events.unshift(event);
    if (this.events.length > EVENTS_KEPT) this.events.pop();
  }

  /** Newest first. */
  lastEvents(): readonly StatusEvent[] {
    return [...this.events];
  }

  /** Failures per minute for the hour up to `now`, oldest minute first. */
  failuresPerMinute(now: number): { start: number; counts: number[] } {
    const current = Math.floor(now / 60);
    const counts: number[] = [];
    for (let minute = current - MINUTES + 1; minute <= current; minute++) {
      const slot = minute % MINUTES;
      counts.push(this.bucketMinute[slot] === minute ? (this.buckets[slot] as number) : 0);
    }
    return { start: (current - MINUTES + 1) * 60, counts };
  }
}
