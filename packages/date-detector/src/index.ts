/** @module date-detector: finds and reads the timestamp of a log line, as Fail2Ban's DateDetector does. */
export { createDateDetector, type DateDetector, type DateDetectorOptions, type DateMatch, type DateSpan } from './detector.js';
export { DatePatternError, TimeZoneError } from './errors.js';
