/** @module errors: user-caused configuration errors, each a single line naming file and line or option. */

/** Codes of configuration errors, for callers that branch on the kind of problem. */
export type ConfigErrorCode =
  | 'E_CONFIG_SYNTAX'
  | 'E_CONFIG_MISSING'
  | 'E_CONFIG_INTERPOLATION'
  | 'E_CONFIG_VALUE'
  | 'E_CONFIG_TAGS';

/** A problem in the configuration that the user can fix; `message` is one line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly code: ConfigErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `file:line: ` prefix, or `file: ` when the line is unknown. */
export function where(file: string, line?: number): string {
  return line ? `${file}:${line}: ` : `${file}: `;
}
