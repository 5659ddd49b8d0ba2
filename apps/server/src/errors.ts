/** @module errors: problems a user can cause or fix; each one line, with a code for socket replies. */

/** A user-visible problem (bad config, unknown jail, unusable directory). */
export class ServerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
