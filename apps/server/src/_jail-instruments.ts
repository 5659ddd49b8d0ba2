/** @module _jail-instruments: a jail's counters — plain numbers bumped on the hot path, read only when Prometheus scrapes. */
import type { RunOutcome } from '@f2b/actions';

/** A histogram (or its labelled child): only `observe` is used. */
export interface Observer {
  observe(value: number): void;
}

/** Lines of a batch at index & MASK === 0 are timed for the parse-time histogram (timing each would cost more than it tells). */
export const PARSE_SAMPLE_MASK = 255;

/** Counts of one jail; they live as long as the server, across reloads of the jail. */
export class JailCounters {
  linesRead = 0;
  linesIgnored = 0;
  linesMatched = 0;
  failuresFound = 0;
  bans = 0;
  unbans = 0;
  /** Seconds spent on log lines: the filter and counting failures (bans and their actions left out). */
  filterSeconds = 0;
  /** Action calls queued or running. */
  actionsPending = 0;
  /** `action\0operation` → calls. */
  readonly actionRuns = new Map<string, number>();
  /** `action\0operation\0exit` → failed calls (exit: the exit code, a signal, `timeout` or `error`). */
  readonly actionFailures = new Map<string, number>();
  /** Log file → byte offset after the last line read (for the lag behind end of file). */
  readonly positions = new Map<string, number>();

  /** Lines no regex matched (counted as the rest, so the hot path bumps one counter less). */
  get linesMissed(): number {
    return this.linesRead - this.linesIgnored - this.linesMatched;
  }

  countAction(action: string, operation: string, outcome: RunOutcome): void {
    const key = `${action}\0${operation}`;
    this.actionRuns.set(key, (this.actionRuns.get(key) ?? 0) + 1);
    if (outcome.ok) return;
    const failureKey = `${key}\0${exitLabel(outcome.error)}`;
    this.actionFailures.set(failureKey, (this.actionFailures.get(failureKey) ?? 0) + 1);
  }
}

/** What a jail measures; null when the metrics endpoint is off (then the hot path counts nothing). */
export interface JailInstruments {
  readonly counters: JailCounters;
  /** Seconds for the filter on one line (one line in 256, see PARSE_SAMPLE_MASK). */
  readonly parseTime: Observer;
  /** Seconds from a batch of lines arriving to the ban actions being done, per ban it caused. */
  readonly banLatency: Observer;
  /** Seconds to record a ban in the database. */
  readonly databaseWrite: Observer;
}

/** A bounded label for why an action failed. */
function exitLabel(error: Error | undefined): string {
  const failure = error as { code?: unknown; exitCode?: unknown; signal?: unknown } | undefined;
  if (failure?.code === 'E_ACTION_COMMAND') {
    if (typeof failure.exitCode === 'number') return String(failure.exitCode);
    return typeof failure.signal === 'string' && /^SIG[A-Z0-9]+$/.test(failure.signal) ? failure.signal : 'signal';
  }
  if (failure?.code === 'E_ACTION_TIMEOUT') return 'timeout';
  return 'error';
}
