/** @module guard: in-process protection for Node servers, with the options of the x/84 BBS fail2ban module. */
import { AddressError, JailOptionError } from './errors.js';
import { ipv4InNetwork, ipv4ToInt, normalizeId, parseAddress, parseNetwork, networkContains, type Network } from './_address.js';

/** Options of createGuard; times are seconds. */
export interface GuardOptions {
  /** Addresses or CIDR networks always refused. */
  readonly blacklist?: readonly string[];
  /** Addresses or CIDR networks always accepted (checked after the blacklist). */
  readonly whitelist?: readonly string[];
  /** Connections allowed within `window`; one more bans the address (default 3). */
  readonly maxAttempts?: number;
  /** Length of the sliding window in seconds (default 30). */
  readonly window?: number;
  /** Seconds of the first ban (default 360). */
  readonly initialBan?: number;
  /** Seconds added to a ban by each attempt made while banned (default 360). */
  readonly banIncrement?: number;
  /** Most addresses tracked (attempts and bans each); the stalest are dropped first (default 100,000). */
  readonly maxTracked?: number;
  /** Clock in epoch seconds (default: the system clock). */
  readonly now?: () => number;
  /** Bans to start with (for example read from @f2b/database); `until` is epoch seconds. */
  readonly bans?: Iterable<GuardBan>;
  /** Called whenever a ban starts or grows, so it can be stored. */
  readonly onBan?: (ban: GuardBan) => void;
}

/** A ban held by a guard. */
export interface GuardBan {
  readonly ip: string;
  readonly until: number;
}

/** Call with a connecting address: true means accept. Also records the attempt. */
export interface Guard {
  (ip: string): boolean;
  /** Whether `ip` is banned now (without recording an attempt). */
  isBanned(ip: string): boolean;
  /** Lifts the ban of `ip` and forgets its attempts; returns whether it was banned. */
  unban(ip: string): boolean;
  /** Bans in force, earliest end first. */
  listBans(): GuardBan[];
  /** Addresses currently tracked (attempts plus bans). */
  readonly size: number;
}

interface AddressList {
  readonly singles: Set<string>;
  readonly nets: Network[];
}

function compileList(entries: readonly string[], option: string): AddressList {
  const list: AddressList = { singles: new Set(), nets: [] };
  for (const entry of entries) {
    const network = parseNetwork(entry);
    if (!network) throw new AddressError(entry, `guard option '${option}'`);
    if (network.prefix === (network.address.kind() === 'ipv4' ? 32 : 128)) list.singles.add(network.address.toString());
    else list.nets.push(network);
  }
  return list;
}

function inList(list: AddressList, id: string): boolean {
  if (list.singles.has(id)) return true;
  if (list.nets.length === 0) return false;
  const v4 = ipv4ToInt(id);
  if (v4 >= 0) return list.nets.some((net) => ipv4InNetwork(net, v4));
  const address = parseAddress(id);
  return address !== null && list.nets.some((net) => networkContains(net, address));
}

/** Creates a guard; throws for a bad list entry or a non-positive number. */
export function createGuard(options: GuardOptions = {}): Guard {
  const blacklist = compileList(options.blacklist ?? [], 'blacklist');
  const whitelist = compileList(options.whitelist ?? [], 'whitelist');
  const maxAttempts = options.maxAttempts ?? 3;
  const window = options.window ?? 30;
  const initialBan = options.initialBan ?? 360;
  const banIncrement = options.banIncrement ?? 360;
  const maxTracked = options.maxTracked ?? 100_000;
  const now = options.now ?? (() => Date.now() / 1000);
  const positive = (name: string, value: number, integer: boolean): void => {
    if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      throw new JailOptionError('guard', name, `${value} is not a positive ${integer ? 'integer' : 'number'}`);
    }
  };
  positive('maxAttempts', maxAttempts, true);
  positive('window', window, false);
  positive('initialBan', initialBan, false);
  positive('maxTracked', maxTracked, true);
  if (!(banIncrement >= 0)) throw new JailOptionError('guard', 'banIncrement', `${banIncrement} is not a non-negative number`);

  // Per address, the times of its recent attempts (at most maxAttempts + 1 of them): the sliding window.
  const attempts = new Map<string, number[]>();
  const bans = new Map<string, number>();
  for (const ban of options.bans ?? []) bans.set(normalizeId(ban.ip), ban.until);

  const setBan = (id: string, until: number): void => {
    bans.delete(id); // re-insert: Map order is then least recently touched first
    bans.set(id, until);
    if (bans.size > maxTracked) sweep(bans, (u) => u <= now(), maxTracked);
    options.onBan?.({ ip: id, until });
  };

  const guard = ((ip: string): boolean => {
    const id = normalizeId(ip);
    if (inList(blacklist, id)) return false;
    if (inList(whitelist, id)) return true;
    const t = now();
    const until = bans.get(id);
    if (until !== undefined) {
      if (t < until) {
        if (banIncrement > 0) setBan(id, until + banIncrement);
        return false;
      }
      bans.delete(id);
    }
    let times = attempts.get(id);
    if (times) attempts.delete(id);
    else times = [];
    // Keep only attempts inside the window that ends now.
    while (times.length > 0 && times[0]! <= t - window) times.shift();
    times.push(t);
    if (times.length > maxAttempts) {
      setBan(id, t + initialBan);
      return false;
    }
    attempts.set(id, times);
    if (attempts.size > maxTracked) sweep(attempts, (list) => list[list.length - 1]! <= now() - window, maxTracked);
    return true;
  }) as Guard;

  guard.isBanned = (ip) => {
    const until = bans.get(normalizeId(ip));
    return until !== undefined && now() < until;
  };
  guard.unban = (ip) => {
    const id = normalizeId(ip);
    attempts.delete(id);
    return bans.delete(id);
  };
  guard.listBans = () => {
    const t = now();
    return [...bans].filter(([, until]) => until > t).map(([ip, until]) => ({ ip, until })).sort((a, b) => a.until - b.until);
  };
  Object.defineProperty(guard, 'size', { get: () => attempts.size + bans.size });
  return guard;
}

/**
 * Drops stale entries; if still over 90% of `max`, drops the least recently touched ones (Map
 * order). Trimming below `max` makes the next sweep wait for many inserts, so a flood of new
 * addresses costs O(1) amortized per connection, not a full scan each.
 */
function sweep<V>(map: Map<string, V>, stale: (value: V) => boolean, max: number): void {
  for (const [key, value] of map) if (stale(value)) map.delete(key);
  const target = Math.floor(max * 0.9);
  for (const key of map.keys()) {
    if (map.size <= target) break;
    map.delete(key);
  }
}
