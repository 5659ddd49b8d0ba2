/** @module errors: the errors date-detector throws for bad configuration (never for a bad log line). */

/** A `datepattern` line that cannot be compiled; `directive` names the offending part. */
export class DatePatternError extends Error {
  readonly code = 'E_DATEPATTERN' as const;
  /** The datepattern line as written. */
  readonly pattern: string;
  /** The directive or construct that is wrong, e.g. `%Q` or `(?(`. */
  readonly directive: string;

  constructor(pattern: string, directive: string, reason: string, options?: { cause?: unknown }) {
    super(`datepattern '${pattern}': ${reason}`, options);
    this.name = 'DatePatternError';
    this.pattern = pattern;
    this.directive = directive;
  }
}

/** A `logtimezone` value that is not `UTC`, `UTC+hh:mm`, `+hhmm` or a known abbreviation. */
export class TimeZoneError extends Error {
  readonly code = 'E_LOGTIMEZONE' as const;
  /** The value as written. */
  readonly value: string;

  constructor(value: string) {
    super(`logtimezone '${value}': unknown or unsupported time zone (expected UTC, UTC+hh:mm, +hhmm or an abbreviation like CET)`);
    this.name = 'TimeZoneError';
    this.value = value;
  }
}
