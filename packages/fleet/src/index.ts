/** @module fleet: shares bans between f2b servers through a Redis stream. */
export { createFleetLink, FleetLink, type FleetLinkOptions, type FleetLogger, type FleetStatus } from './link.js';
export { createMemoryFleetStore, type FleetStore } from './store.js';
export type { FleetEvent, FleetEventKind, QueuedEvent, RemoteEvent } from './event.js';
export {
  parseFleetSettings,
  redactUrl,
  selects,
  FleetConfigError,
  type FleetSettings,
  type FleetTls,
  type JailSelection,
} from './settings.js';
