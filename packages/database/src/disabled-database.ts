/** @module disabled-database: the database used when `dbfile = None` or the file is unusable — stores nothing. */
import type { DatabaseError } from './errors.js';
import { checkMaxMatches, checkPurgeAge } from './_settings.js';
import type { BanCount, BanDatabase, BanRecord, LogPosition, PurgeResult } from './types.js';

/** Options of `createDisabledDatabase`. */
export interface DisabledDatabaseOptions {
  /** Why persistence is off, when a failure (not the configuration) turned it off. */
  failure?: DatabaseError;
  /** Seconds; kept so callers can read the configured value. */
  purgeAge?: number;
  /** Kept so callers can read the configured value. */
  maxMatches?: number;
  /** Receives what `reportError` is given (default: a process warning on stderr). */
  onError?: (error: DatabaseError) => void;
}

/** The default `onError`: a process warning carrying the error's code. */
export function reportWarning(error: DatabaseError): void {
  process.emitWarning(error.message, { code: error.code });
}

/**
 * Same interface as the real database. Writes succeed without storing (the server keeps banning, only
 * without persistence); `persistent` is false and `failure` says why, so the loss is never silent.
 */
export function createDisabledDatabase(options: DisabledDatabaseOptions = {}): BanDatabase {
  const nothing: PurgeResult = { bans: 0, banCounts: 0, jails: 0, logs: 0 };
  let purgeAge = options.purgeAge ?? 86_400;
  let maxMatches = options.maxMatches ?? 10;
  return {
    file: null,
    persistent: false,
    failure: options.failure,
    get purgeAge() {
      return purgeAge;
    },
    get maxMatches() {
      return maxMatches;
    },
    setPurgeAge: (seconds) => void (purgeAge = checkPurgeAge(seconds)),
    setMaxMatches: (count) => void (maxMatches = checkMaxMatches(count)),
    addJail: () => undefined,
    delJail: () => undefined,
    disableAllJails: () => undefined,
    jailNames: () => [],
    getLogPosition: (): LogPosition | undefined => undefined,
    setLogPosition: () => undefined,
    recordBan: () => Promise.resolve(),
    recordBans: () => undefined,
    removeBan: () => false,
    reportError: options.onError ?? reportWarning,
    currentBans: (): BanRecord[] => [],
    banCount: (): BanCount | undefined => undefined,
    purge: () => ({ ...nothing }),
    flush: () => Promise.resolve(),
    close: () => undefined,
  };
}
