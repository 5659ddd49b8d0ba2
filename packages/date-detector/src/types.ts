/** @module types: the public shapes of date detection — options, the detector, and what it finds. */

/** A date found in a line. */
export interface DateMatch {
  /** Epoch seconds (fractional for epoch formats, and for `%f` with `subseconds`). */
  time: number;
  /** Start of the date in the line (UTF-16 index). */
  start: number;
  /** End of the date in the line (UTF-16 index, exclusive). */
  end: number;
  /** Name of the template that matched, as `fail2ban-regex` prints it. */
  template: string;
}

/** A date span found in a line whose time could not be read (e.g. `Feb 30`), or an empty `{NONE}` match. */
export interface DateSpan extends Omit<DateMatch, 'time'> {
  time: number | null;
}

/** Options of {@link createDateDetector}. */
export interface DateDetectorOptions {
  /** Lines of the jail's or filter's `datepattern` (null/undefined/empty = Fail2Ban's default templates). */
  datepattern?: readonly string[] | null;
  /** `logtimezone`: zone of dates that carry none (`UTC`, `UTC+02:00`, `+0200`, `CET`); default: local time (TZ). */
  logtimezone?: string | null;
  /** Epoch seconds "now", for a missing year or day (default: the real time). */
  now?: () => number;
  /** Keep `%f` fractions of a second (Fail2Ban drops them; default false). */
  subseconds?: boolean;
}

/** Finds dates in lines; keeps per-log statistics, so use one detector per log. */
export interface DateDetector {
  /**
   * The date of `line`, or null when no template finds a readable date.
   * Read-only: consecutive lines with the same date may get the same object
   * (copy it to change it; {@link DateDetector.detectInto} fills your own).
   */
  detect(line: string): Readonly<DateMatch> | null;
  /**
   * Like detect, but writes the date into `out` and allocates nothing: for
   * callers reading millions of lines. Returns false (leaving `out` as it
   * was) when detect would return null.
   */
  detectInto(line: string, out: DateMatch): boolean;
  /**
   * Like detectInto, but a date found whose time cannot be read (`0000-12-30 00:00:00`) also
   * returns true, with `out.time` NaN: Fail2Ban still cuts such a date out of the line. An empty
   * match (`{NONE}`) returns false, as in detectInto.
   */
  detectSpanInto(line: string, out: DateMatch): boolean;
  /** Like detect, but also reports a found span whose time is unreadable (time null). */
  locate(line: string): DateSpan | null;
  /** Template names in their current order. */
  readonly templates: readonly string[];
  /** How many lines each template won, by name. */
  hits(): ReadonlyMap<string, number>;
}
