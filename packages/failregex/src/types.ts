/** @module types: the shapes @f2b/failregex takes and returns. */

/** Values of `usedns`: `yes`/`warn` resolve host names (cached, off the hot path), `raw` keeps them, `no` matches addresses only. */
export type UseDns = 'yes' | 'warn' | 'no' | 'raw';

/**
 * The parts of a filter this package needs. @f2b/config-reader's `FilterSpec` fits it as is;
 * tests and the f2b-regex command line build it inline.
 */
export interface FilterDefinition {
  /** Filter name (`sshd`), for messages. */
  readonly name: string;
  /** Filter file, for messages. */
  readonly file: string;
  /** Python-syntax failregexes with Fail2Ban tags, one per entry. */
  readonly failregex: readonly string[];
  readonly ignoreregex: readonly string[];
  readonly prefregex: string | null;
  /** Lines buffered for multi-line regexes (1 = single-line). */
  readonly maxlines: number;
  /** Custom date patterns, or null for the default templates. */
  readonly datepattern: readonly string[] | null;
}

/** A date found in a line: its epoch seconds and where it sits (it is cut out before matching). */
export interface DateHit {
  /**
   * Epoch seconds; NaN when the date was found but cannot be read (`0000-12-30 00:00:00`): it is
   * still cut out, and the line takes the last date if that is recent, as in Fail2Ban.
   */
  readonly time: number;
  readonly start: number;
  readonly end: number;
  /** The template that matched (for hit statistics). */
  readonly template: string;
}

/** Finds the date in a line, as @f2b/date-detector's `detect` does. */
export type DetectDate = (line: string) => DateHit | null;

/** A value captured for a failure: text, null (group did not take part), or a list (`users`, tuple fields). */
export type FieldValue = string | null | readonly (string | null)[];

/** One failure found in the log. */
export interface Failure {
  /** Failure id: the address (normalised like Fail2Ban's IPAddr), host name, or `<F-ID>` value. */
  readonly id: string;
  /** The address or host name as captured, when one was captured. */
  readonly host?: string;
  /** Epoch seconds (fractions kept). */
  readonly time: number;
  /** Every named capture and `<F-…>` field that took part (null ones left out), plus `users` on multi-line ids. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** The log lines (dates included) that make up this failure. */
  readonly matches: readonly string[];
  /** Index of the failregex that matched. */
  readonly regexIndex: number;
  /** True for `<F-NOFAIL>` results (only reported when asked for). */
  readonly nofail: boolean;
  /** True when a host name captured with usedns=yes/warn was not yet in the DNS cache (id is the name). */
  readonly unresolved?: boolean;
}

/** What processing one line produced. */
export interface LineResult {
  /** Failures this line completed (NOFAIL and pending ones left out unless `reportNoFail`). */
  readonly fails: Failure[];
  /** How many failures this line completed: `fails.length`, also when `countOnly` left `fails` empty. */
  readonly failCount: number;
  /** An ignoreregex matched. */
  readonly ignored: boolean;
  /** Indexes of the failregexes that matched and were not ignored (NOFAIL and pending matches included). */
  readonly failregexHits: number[];
  /** Indexes of the ignoreregexes that matched. */
  readonly ignoreregexHits: number[];
  /** The prefregex (if any) matched. */
  readonly prefregexMatched: boolean;
  /** Matches that only carry a multi-line id so far (counted with checkAllRegex only). */
  readonly pending: number;
  /** NOFAIL results (helper matches that are not failures). */
  readonly nofail: number;
  /** The date template that matched, if any. */
  readonly dateTemplate: string | null;
  /** The line was longer than `maxLineLength` and was cut. */
  readonly truncated: boolean;
}
