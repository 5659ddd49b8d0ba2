/** @module failregex: public API of @f2b/failregex. */

// Running filters
export { compileFilter, DEFAULT_MAX_LINE_LENGTH } from './filter.js';
export type { Filter, FilterOptions, ProcessLineOptions } from './filter.js';
export type { DateHit, DetectDate, FieldValue, Failure, FilterDefinition, LineResult, UseDns } from './types.js';

// Regexes
export { compilePythonRegex, FilterRegex, joinLineBuffer } from './regex.js';
export type { FilterRegexOptions, LineParts, PythonRegexOptions, RegexHit } from './regex.js';
export { expandTags } from './_tags.js';
export { normalizeAddress } from './_address.js';

// Filter security
export { hasGreedyCatchAllBeforeHost } from './greed.js';

// DNS
export { createDnsCache } from './dns.js';
export type { DnsCache, DnsCacheOptions, HostResolver } from './dns.js';

// Errors
export { FilterSpecError, RegexTranslationError } from './errors.js';
export type { RegexOrigin } from './errors.js';
