/** @module config-reader: read a Fail2Ban configuration tree into typed, validated specs. */

// Whole trees
export { readConfig, type ReadConfigOptions } from './config.js';
export { dumpConfig } from './dump.js';

// Single pieces (f2b-regex reads one filter; the server re-reads one jail on reload)
export { readFilter, splitRegexList } from './filter.js';
export { readAction } from './action.js';
export { readServerConfig, SERVER_DEFAULTS } from './server.js';

// Fail2Ban's value syntaxes, for other packages that accept the same options at run time
export { parseDuration } from './duration.js';
export { parseNamedOptions, splitNamedList, splitWords, parseBool, type NamedOptions } from './options.js';
export { substituteTags, type SubstituteTagsOptions } from './tags.js';

// Errors and resolved types
export { ConfigError, type ConfigErrorCode } from './errors.js';
export type {
  ActionKind,
  ActionSpec,
  BantimeIncrementSpec,
  ConfigProblem,
  ConfigSpec,
  FilterSpec,
  JailSpec,
  LogPathSpec,
  ServerSpec,
  FleetSection,
  SourceRef,
  UseDns,
} from './spec.js';
