/** @module date-detector: finds and reads the timestamp of a log line, as Fail2Ban's DateDetector does. */
export { createDateDetector } from './detector.js';
export type { DateDetector, DateDetectorOptions, DateMatch, DateSpan } from './types.js';
export { DatePatternError, TimeZoneError } from './errors.js';
