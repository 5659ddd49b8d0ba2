/** @module errors: one class per way the ban database can fail; each message is one line naming the file. */

/** Base of every error this package throws; `file` is the database (or import source) concerned. */
export abstract class DatabaseError extends Error {
  abstract readonly code: string;
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.file = file;
    this.name = new.target.name;
  }
}

/** The file cannot be opened at all: missing directory, a directory in its place, no permission. */
export class DatabaseOpenError extends DatabaseError {
  readonly code = 'E_DB_OPEN' as const;
}

/** The file is not an SQLite database, or fails SQLite's integrity check. */
export class DatabaseCorruptError extends DatabaseError {
  readonly code = 'E_DB_CORRUPT' as const;
}

/** The file is a database, but not one this version can use (newer schema, Fail2Ban's, unknown tables). */
export class DatabaseSchemaError extends DatabaseError {
  readonly code = 'E_DB_SCHEMA' as const;
}

/** A schema migration failed; the database was left at its old version and a backup exists. */
export class DatabaseMigrationError extends DatabaseError {
  readonly code = 'E_DB_MIGRATION' as const;
}

/** A write (ban, removal, position, purge) failed; what it carried is not stored. */
export class DatabaseWriteError extends DatabaseError {
  readonly code = 'E_DB_WRITE' as const;
}

/** The database was used after `close()`. */
export class DatabaseClosedError extends DatabaseError {
  readonly code = 'E_DB_CLOSED' as const;
}

/** A Fail2Ban database could not be read for import (missing, not Fail2Ban's, unsupported version). */
export class Fail2banImportError extends DatabaseError {
  readonly code = 'E_F2B_IMPORT' as const;
}

/** The message of any thrown value, on one line. */
export function describeCause(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.replace(/\s+/g, ' ').trim();
}
