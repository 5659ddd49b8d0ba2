/** @module listen: `metrics = HOST:PORT` into an address to bind, and whether it stays on this machine. */
import { isIP } from 'node:net';
import { MetricsConfigError } from './errors.js';

/** Where the endpoint listens. */
export interface ListenAddress {
  /** An IP address (`127.0.0.1`, `::1`, `0.0.0.0`) or `localhost`. */
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
}

/**
 * Reads `HOST:PORT`, `[IPV6]:PORT` or a bare `PORT` (loopback). A host name other than
 * `localhost` is refused: binding to what a name resolves to would make "loopback only" a
 * question of DNS.
 */
export function parseListenAddress(text: string, option = 'metrics'): ListenAddress {
  const value = text.trim();
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(value);
  const plain = /^([^:[\]]+):(\d+)$/.exec(value);
  const bare = /^(\d+)$/.exec(value);
  const host = bracketed?.[1] ?? plain?.[1] ?? (bare ? '127.0.0.1' : null);
  const portText = bracketed?.[2] ?? plain?.[2] ?? bare?.[1];
  if (host === null || portText === undefined) {
    throw new MetricsConfigError(`fail2ban.conf: ${option} = ${value}: expected HOST:PORT (e.g. 127.0.0.1:9191)`);
  }
  const port = Number(portText);
  if (port > 65535) throw new MetricsConfigError(`fail2ban.conf: ${option} = ${value}: port ${port} is out of range (0-65535)`);
  if (host !== 'localhost' && isIP(host) === 0) {
    throw new MetricsConfigError(`fail2ban.conf: ${option} = ${value}: '${host}' is not an IP address (use 127.0.0.1, ::1 or the address to listen on)`);
  }
  return { host, port };
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}
