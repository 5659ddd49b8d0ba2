/** @module clock: local wall-clock time <-> epoch seconds in the process time zone (TZ), as C's mktime sees it. */

/** Offset of local time from UTC at epoch second `t`, in seconds. */
function offsetAt(t: number): number {
  return -new Date(t * 1000).getTimezoneOffset() * 60;
}

// glibc's mktime (what Fail2Ban's time.mktime calls) resolves a wall time that
// occurs twice (the hour after a DST end) from its previous answer's offset:
// it is process state. Keeping the same state here makes f2b pick the same
// instant Fail2Ban picks when it reads the same lines in the same order.
let lastOffset = 0;

// Most lines of a log fall in the same minute as the previous one; caching the
// minute's epoch saves the zone lookups on the hot path. Only unambiguous
// minutes are cached, so the mktime state above is not bypassed where it matters.
let cachedWallMinute = Number.NaN;
let cachedEpochMinute = 0;

/**
 * Converts a naive local wall time (seconds since 1970-01-01 00:00 *as if UTC*)
 * to epoch seconds in the local zone. In a DST gap the wall time is read with
 * the offset before the change; in an overlap the previous call's offset wins.
 */
export function wallToEpoch(wall: number): number {
  const second = ((wall % 60) + 60) % 60;
  const minute = wall - second;
  if (minute === cachedWallMinute) return cachedEpochMinute + second;
  let t = minute - lastOffset;
  let settled = false;
  for (let step = 0; step < 4; step++) {
    const next = minute - offsetAt(t);
    if (next === t) {
      settled = true;
      break;
    }
    t = next;
  }
  if (!settled) {
    // a wall time inside a DST gap: ECMAScript and glibc both use the offset before the change
    const before = offsetAt(minute - 86_400);
    t = minute - before;
  }
  lastOffset = offsetAt(t);
  const early = minute - offsetAt(minute - 86_400);
  const late = minute - offsetAt(minute + 86_400);
  const ambiguous = early !== late && offsetAt(early) === minute - early && offsetAt(late) === minute - late;
  if (settled && !ambiguous) {
    cachedWallMinute = minute;
    cachedEpochMinute = t;
  }
  return t + second;
}

// Offsets change at most once in ten minutes, so one lookup serves a window.
let windowStart = Number.NaN;
let windowOffset = 0;
const WINDOW = 600;

/** Naive local wall time (seconds, as if UTC) of epoch second `t`. */
export function epochToWall(t: number): number {
  if (t >= windowStart && t < windowStart + WINDOW) return t + windowOffset;
  const offset = offsetAt(t);
  if (offsetAt(t + WINDOW) === offset) {
    windowStart = t;
    windowOffset = offset;
  }
  return t + offset;
}

/**
 * Whether local time keeps offset `offset` (seconds) from a day before epoch
 * second `t` to a day after the hour that starts there: then every wall time
 * of that hour converts with that offset, unambiguously, and wallToEpoch
 * would leave its state as it is, so the hour's conversion may be cached.
 */
export function isSteadyHour(t: number, offset: number): boolean {
  return offsetAt(t) === offset && offsetAt(t + 3599) === offset && offsetAt(t - 86_400) === offset && offsetAt(t + 3600 + 86_400) === offset;
}
