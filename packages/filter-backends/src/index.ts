/** @module @f2b/filter-backends: follow log files and the systemd journal, delivering each complete line exactly once. */

// Contract
export type { Backend, BackendBaseOptions, FileBackendOptions, LineSink, LogLine, LogPathSpec, Position, PositionStore } from './types.js';

// Registry
export {
  AUTO,
  AUTO_ORDER,
  backendKind,
  createBackend,
  createBackendRegistry,
  listBackendNames,
  resolveBackendName,
  type BackendEntry,
  type BackendOptions,
  type BackendRegistry,
} from './registry.js';

// Backends
export { createPollingBackend, NAME as POLLING, type PollingOptions } from './polling.js';
export { checkPyinotifyAvailable, createPyinotifyBackend, NAME as PYINOTIFY, type PyinotifyOptions } from './pyinotify.js';
export {
  checkSystemdAvailable,
  createSystemdBackend,
  findJournalctl,
  JOURNAL_POSITION_KEY,
  NAME as SYSTEMD,
  type SystemdOptions,
} from './systemd/index.js';
export { buildJournalctlArgs, parseSystemdBackendOptions, type JournalSelection } from './systemd/_args.js';

// Reading a file once
export { readLogBatches, readLogLines, type ReadLogOptions } from './read-log.js';
export { DEFAULT_MAX_LINE_LENGTH, type SplitLine } from './_split.js';
export { expandGlob } from './_glob.js';

// Positions
export { FIRST_LINE_HASH_LIMIT, hashFirstLine, MemoryPositionStore } from './positions.js';

// Errors
export {
  BackendOptionError,
  BackendUnavailableError,
  JournalError,
  LogReadError,
  NoLogFilesError,
  UnknownBackendError,
  UnsupportedEncodingError,
  type ConfigSource,
} from './errors.js';
