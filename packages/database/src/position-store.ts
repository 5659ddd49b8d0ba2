/** @module position-store: adapts the database to the `positions` store that file backends accept. */
import type { BanDatabase, LogPosition } from './types.js';

/** Where a file backend remembers how far it has read each log. */
export interface PositionStore {
  get(path: string): LogPosition | undefined;
  set(path: string, position: LogPosition): void;
}

/** Log positions of one jail, kept in the database (nothing is kept when it is disabled). */
export function createPositionStore(db: BanDatabase, jail: string): PositionStore {
  return {
    get: (path) => db.getLogPosition(jail, path),
    set: (path, position) => db.setLogPosition(jail, path, position),
  };
}
