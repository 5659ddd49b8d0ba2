/** @module settings: the `[Fleet]` options, validated, with the Redis address kept apart from its secrets. */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Which jails a rule covers: every jail, or the named ones. */
export type JailSelection = 'all' | ReadonlySet<string>;

/** TLS settings for `rediss://` (or `tls = yes`); files are read when the settings are parsed. */
export interface FleetTls {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly servername?: string;
  /** False only with `tls.verify = no` (self-signed test servers). */
  readonly verify: boolean;
}

/** Validated fleet settings. */
export interface FleetSettings {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly tls: FleetTls | null;
  /** The address without credentials, for logs and `status`. */
  readonly display: string;
  readonly stream: string;
  /** This server's name on the stream (default: the host name); events with it are its own. */
  readonly origin: string;
  /** Jails whose local bans are published. */
  readonly publish: JailSelection;
  /** Jails that apply bans published by peers. */
  readonly accept: JailSelection;
  /** Approximate length the stream is trimmed to (XADD MAXLEN ~). */
  readonly maxlen: number;
}

/** A `[Fleet]` option that cannot be used; the message names the file and option, never a secret. */
export class FleetConfigError extends Error {
  readonly code = 'E_FLEET_CONFIG';
}

const KNOWN = new Set(['url', 'stream', 'origin', 'publish', 'accept', 'maxlen', 'password', 'username', 'tls', 'tls.ca', 'tls.cert', 'tls.key', 'tls.servername', 'tls.verify']);

/**
 * Parses `[Fleet]`'s options. `url` is `redis://[user[:password]@]host[:port][/db]` (or `rediss://` for
 * TLS); `password`/`username` options override the URL's so the secret can live in a root-only .local.
 * `where` prefixes messages (`/etc/fail2ban/fail2ban.local [Fleet]`). Unknown options are returned as warnings.
 */
export function parseFleetSettings(options: Readonly<Record<string, string>>, where: string): { settings: FleetSettings; warnings: string[] } {
  const warnings = Object.keys(options)
    .filter((k) => !KNOWN.has(k))
    .map((k) => `${where}: unknown option '${k}' (ignored)`);
  const get = (key: string): string | undefined => {
    const value = options[key]?.trim();
    return value === '' ? undefined : value;
  };
  const urlText = get('url');
  if (!urlText) throw new FleetConfigError(`${where}: url is missing (e.g. url = redis://f2b:secret@10.0.0.5:6379/0)`);
  const url = parseRedisUrl(urlText, where);
  const tlsWanted = url.protocol === 'rediss:' || yesNo(get('tls'), false, `${where}: tls`);
  const settings: FleetSettings = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 6379 : Number(url.port),
    db: parseDb(url.pathname, where),
    username: get('username') ?? (url.username === '' ? undefined : decodeURIComponent(url.username)),
    password: get('password') ?? (url.password === '' ? undefined : decodeURIComponent(url.password)),
    tls: tlsWanted ? readTls(get, where) : null,
    display: redactUrl(urlText),
    stream: get('stream') ?? 'f2b:bans',
    origin: get('origin') ?? hostname(),
    publish: parseSelection(get('publish')),
    accept: parseSelection(get('accept')),
    maxlen: parseMaxlen(get('maxlen'), where),
  };
  if (settings.stream.length > 200) throw new FleetConfigError(`${where}: stream name is longer than 200 characters`);
  if (settings.origin.length > 200 || /\s/.test(settings.origin)) throw new FleetConfigError(`${where}: origin '${settings.origin.slice(0, 50)}' must be one word of at most 200 characters`);
  return { settings, warnings };
}

/** True when `selection` covers `jail`. */
export function selects(selection: JailSelection, jail: string): boolean {
  return selection === 'all' || selection.has(jail);
}

/** `redis://user:secret@host:6379/0` → `redis://user:***@host:6379/0`; text that is not a URL is hidden whole. */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return '(unparsable url)';
  }
  const user = url.username ? `${decodeURIComponent(url.username)}${url.password ? ':***' : ''}@` : url.password ? ':***@' : '';
  return `${url.protocol}//${user}${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

function parseRedisUrl(text: string, where: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FleetConfigError(`${where}: url '${redactUrl(text)}' is not a URL (expected redis://[user:password@]host[:port][/db])`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new FleetConfigError(`${where}: url must start with redis:// or rediss:// (got ${url.protocol}//)`);
  }
  if (url.hostname === '') throw new FleetConfigError(`${where}: url ${redactUrl(text)} has no host`);
  return url;
}

function parseDb(pathname: string, where: string): number {
  const digits = pathname.replace(/^\//, '');
  if (digits === '') return 0;
  if (!/^\d{1,5}$/.test(digits)) throw new FleetConfigError(`${where}: url database '${digits.slice(0, 20)}' is not a number`);
  return Number(digits);
}

function parseSelection(text: string | undefined): JailSelection {
  if (text === undefined || text.toLowerCase() === 'all') return 'all';
  return new Set(text.split(/[\s,]+/).filter(Boolean));
}

function parseMaxlen(text: string | undefined, where: string): number {
  if (text === undefined) return 100_000;
  if (!/^\d+$/.test(text) || Number(text) < 100) throw new FleetConfigError(`${where}: maxlen '${text.slice(0, 20)}' must be a whole number of at least 100`);
  return Number(text);
}

function yesNo(text: string | undefined, fallback: boolean, what: string): boolean {
  if (text === undefined) return fallback;
  if (/^(1|yes|true|on)$/i.test(text)) return true;
  if (/^(0|no|false|off)$/i.test(text)) return false;
  throw new FleetConfigError(`${what}: '${text.slice(0, 20)}' is not yes or no`);
}

function readTls(get: (key: string) => string | undefined, where: string): FleetTls {
  const file = (key: string): string | undefined => {
    const path = get(key);
    if (path === undefined) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new FleetConfigError(`${where}: ${key} ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  const servername = get('tls.servername');
  const ca = file('tls.ca');
  const cert = file('tls.cert');
  const key = file('tls.key');
  return {
    verify: yesNo(get('tls.verify'), true, `${where}: tls.verify`),
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(servername ? { servername } : {}),
  };
}
