/** @module _settings: checks for the settings a running database may change (`dbpurgeage`, `dbmaxmatches`). */

/** Seconds of history to keep: a finite number >= 0 (0 purges every ended ban). */
export function checkPurgeAge(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`purgeAge must be a number of seconds >= 0, got ${seconds}`);
  return seconds;
}

/** Matched lines kept per ban: an integer >= 0 (0 keeps none). */
export function checkMaxMatches(count: number): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`maxMatches must be an integer >= 0, got ${count}`);
  return count;
}
