/** @module errors: user errors of the client tools (one line, exit 2). */

/** A bad command line, filter, option or file: printed as one line, exit status 2. */
export class UsageError extends Error {
  readonly code = 'E_USAGE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** True for errors the user can fix (they carry a string `code` and a one-line message). */
export function isUserError(err: unknown): err is Error & { code: string } {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (/^E_/.test(code) || ['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM'].includes(code));
}
