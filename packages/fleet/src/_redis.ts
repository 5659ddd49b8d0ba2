/** @module _redis: ioredis connections that fail fast while Redis is away, so the outbox (not a memory queue) holds events. */
import { Redis, type RedisOptions } from 'ioredis';
import type { FleetSettings } from './settings.js';

/** Longest pause between reconnection attempts, ms. */
const MAX_RETRY_DELAY = 1000;

/** A connection for `role` (`publish` or `read`); not connected until `connect()`. */
export function openConnection(settings: FleetSettings, role: string): Redis {
  const options: RedisOptions = {
    host: settings.host,
    port: settings.port,
    db: settings.db,
    connectionName: `f2b-fleet-${role}`,
    lazyConnect: true,
    // Commands fail at once while disconnected: the sender keeps events in the database instead of in memory,
    // and the reader waits for the next `ready`.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: 3000,
    retryStrategy: (attempt) => Math.min(100 * attempt, MAX_RETRY_DELAY),
    ...(settings.username !== undefined ? { username: settings.username } : {}),
    ...(settings.password !== undefined ? { password: settings.password } : {}),
  };
  if (settings.tls) {
    const { ca, cert, key, servername, verify } = settings.tls;
    options.tls = {
      rejectUnauthorized: verify,
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
      ...(servername ? { servername } : {}),
    };
  }
  return new Redis(options);
}

/** An error's message on one line, with any occurrence of the password replaced. */
export function safeMessage(error: unknown, settings: FleetSettings): string {
  let text = error instanceof Error ? error.message : String(error);
  if (settings.password) text = text.split(settings.password).join('***');
  return text.split(/\r?\n/, 1)[0]!.slice(0, 300);
}
