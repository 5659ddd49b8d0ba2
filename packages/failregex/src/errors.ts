/** @module errors: load-time errors of @f2b/failregex, each with a literal code and a one-line message. */

/** Where a regex came from, for messages: the filter file and the option holding it. */
export interface RegexOrigin {
  /** Filter file (`/etc/fail2ban/filter.d/sshd.conf`) or a label such as `<command line>`. */
  readonly file: string;
  /** `failregex`, `ignoreregex` or `prefregex`. */
  readonly role: string;
}

/** A Python regex that cannot be expressed in JavaScript, or that Python itself would reject. */
export class RegexTranslationError extends Error {
  readonly code = 'E_REGEX' as const;
  readonly file: string;
  readonly role: string;
  readonly regex: string;
  readonly reason: string;
  constructor(origin: RegexOrigin, regex: string, reason: string, options?: { cause?: unknown }) {
    super(`${origin.file}: ${origin.role} ${JSON.stringify(clipText(regex, 160))}: ${reason}`, options);
    this.name = 'RegexTranslationError';
    this.file = origin.file;
    this.role = origin.role;
    this.regex = regex;
    this.reason = reason;
  }
}

/** A filter that is well formed regex-wise but unusable (no failure-id group, bad maxlines …). */
export class FilterSpecError extends Error {
  readonly code = 'E_FILTER' as const;
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'FilterSpecError';
    this.file = file;
  }
}

function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
