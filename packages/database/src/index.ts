/** @module database: keeps bans, ban counts and log positions in SQLite so they survive restarts and crashes. */
export { openDatabase, isDatabaseDisabled, type OpenDatabaseOptions } from './open-database.js';
export { createDisabledDatabase, type DisabledDatabaseOptions } from './disabled-database.js';
export { createPositionStore, type PositionStore } from './position-store.js';
export { createFleetStore, type FleetStoreEvent, type FleetStoreTables } from './fleet-store.js';
export { createGuardStore, type GuardStore, type GuardStoreBan, type GuardStoreOptions } from './guard-store.js';
export {
  importFail2banDb,
  FAIL2BAN_SCHEMA_VERSION,
  type ImportFail2banOptions,
  type ImportFail2banResult,
} from './import-fail2ban.js';
export { SCHEMA_VERSION } from './_schema.js';
export type {
  BanCount,
  BanCountQuery,
  BanData,
  BanDatabase,
  BanRecord,
  CurrentBansQuery,
  LogPosition,
  PurgeResult,
} from './types.js';
export {
  DatabaseError,
  DatabaseOpenError,
  DatabaseCorruptError,
  DatabaseSchemaError,
  DatabaseMigrationError,
  DatabaseWriteError,
  DatabaseClosedError,
  Fail2banImportError,
} from './errors.js';
