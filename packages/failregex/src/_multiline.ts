/** @module _multiline: merges failures that share a multi-line id (`<F-MLFID>`), like Fail2Ban 1.0. */
import type { LineParts } from './regex.js';
import type { CountData } from './_group-readers.js';

/** A failure being built: Fail2Ban's mutable `fail` dict. */
export type FailData = Record<string, unknown>;

/** Python truthiness for the values a fail dict holds (`''`, null, 0, empty list/set are false). */
export function isTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Set) return v.size > 0;
  return true;
}

/**
 * Python's dict.pop: returns the old value and clears the key. The key is set to undefined rather
 * than deleted (undefined reads as "absent" everywhere) so objects keep their fast shape.
 */
export function popKey(d: FailData, key: string): unknown {
  const v = d[key];
  if (v !== undefined) d[key] = undefined;
  return v;
}

/** One cached failure; `live` turns false when it is replaced, expires or is removed. */
interface CacheEntry {
  readonly id: string;
  readonly until: number;
  readonly fail: FailData;
  live: boolean;
}

/**
 * Connection-id → failure cache; Fail2Ban keeps at most 100 entries for 5 minutes.
 *
 * Entries are kept in insertion order in a queue beside the map, and eviction walks the queue:
 * walking the Map itself from the front crossed the holes its deletions leave behind (one per
 * line on a busy log), which made this cache a tenth of an f2b-regex run.
 */
export class MlfidCache {
  private entries = new Map<string, CacheEntry>();
  /** Live and dead entries in insertion order; live ones are exactly the map's values, in the map's order. */
  private queue: CacheEntry[] = [];
  private head = 0;
  constructor(private readonly now: () => number, private readonly maxCount = 100, private readonly maxTime = 300) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): FailData | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.until <= this.now()) { this.remove(e); return undefined; }
    return e.fail;
  }

  set(id: string, fail: FailData): void {
    const old = this.entries.get(id);
    if (old) this.remove(old);
    this.add(id, fail);
  }

  /** Like set, for an id that `get` just reported absent (saves a look-up per new connection). */
  add(id: string, fail: FailData): void {
    // Entries share one lifetime, so insertion order is expiry order: drop from the front.
    if (this.entries.size >= this.maxCount) {
      const t = this.now();
      while (this.head < this.queue.length) {
        const e = this.queue[this.head] as CacheEntry;
        if (e.live) {
          if (e.until > t && this.entries.size < this.maxCount) break;
          this.remove(e);
        }
        this.head++;
      }
    }
    const entry: CacheEntry = { id, until: this.now() + this.maxTime, fail, live: true };
    this.entries.set(id, entry);
    this.queue.push(entry);
    this.compact();
  }

  unset(id: string): void {
    const e = this.entries.get(id);
    if (e) this.remove(e);
  }

  private remove(e: CacheEntry): void {
    e.live = false;
    this.entries.delete(e.id);
  }

  /** Drops the walked-over front of the queue, and dead entries, once they far outnumber the live ones (amortized O(1) per set). */
  private compact(): void {
    if (this.queue.length < 2 * this.maxCount + 64 || this.queue.length < 4 * this.entries.size) return;
    const kept: CacheEntry[] = [];
    for (let k = this.head; k < this.queue.length; k++) { const e = this.queue[k] as CacheEntry; if (e.live) kept.push(e); }
    this.queue = kept;
    this.head = 0;
    // A fresh Map too: V8 links each outgrown table of a Map to its successor, so one old table
    // that reached the old generation kept every later table (and the failures in them) alive
    // until a full collection, which made young collections copy ever more.
    this.entries = new Map(kept.map((e) => [e.id, e]));
  }
}

/**
 * Adds a connection's user to `fail.users` (Fail2Ban keeps a set; a short array is cheaper and
 * keeps insertion order): the list of distinct users, or undefined when none was seen.
 */
function addUser(fail: FailData, user: unknown): string[] | undefined {
  let users = fail['users'] as string[] | undefined;
  if (isTruthy(user)) {
    const name = String(user);
    if (users === undefined || users.length === 0) { users = [name]; fail['users'] = users; }
    else if (!users.includes(name)) users.push(name);
  }
  return users;
}

const GAINED = 8;
const CACHED_NOFAIL = 4;
const FORGET = 2;
const NOFAIL = 1;

/**
 * Folds this match into the failure cached for its connection id. NOFAIL/GAINED results hold their
 * lines back until a real failure on the same connection; FORGET ends the connection. `matched` are
 * the match's lines, or null when only counts are wanted: then no line lists are kept at all (they
 * never decide anything but what a failure reports).
 */
export function mergeFailure(cache: MlfidCache, mlfid: string, current: FailData, matched: readonly LineParts[] | null): FailData {
  let fail = current;
  const cached = cache.get(mlfid);
  let users: string[] | undefined;
  let flags = 0;
  if (isTruthy(fail['mlfgained'])) {
    flags |= GAINED | NOFAIL;
    if (!isTruthy(fail['nofail'])) fail['nofail'] = fail['mlfgained'];
  } else if (isTruthy(fail['nofail'])) flags |= NOFAIL;
  if (isTruthy(popKey(fail, 'mlfforget'))) flags |= FORGET;
  if (cached) {
    users = addUser(cached, fail['user']);
    if (isTruthy(popKey(cached, 'nofail'))) flags |= CACHED_NOFAIL;
    if (isTruthy(popKey(cached, 'mlfgained'))) flags |= CACHED_NOFAIL;
    if (flags & GAINED) cached['mlfpending'] = undefined;
    // Lines of an already reported failure are not reported twice.
    if (matched !== null && (flags & CACHED_NOFAIL) === 0 && !isTruthy(cached['mlfpending'])) cached['matches'] = undefined;
    for (const k in fail) { const v = fail[k]; if (v !== null && v !== undefined) cached[k] = v; }
    fail = cached;
    if (flags & FORGET) cache.unset(mlfid);
  } else if (!(flags & FORGET)) {
    users = addUser(fail, fail['user']);
    cache.add(mlfid, fail);
  }
  // Pending failures, or several users tried on one connection: a success does not wipe them.
  if (isTruthy(popKey(fail, 'mlfpending')) || (users !== undefined && users.length > 1)) {
    fail['nofail'] = undefined;
    fail['mlfgained'] = undefined;
    flags &= ~(GAINED | NOFAIL);
  }
  if (matched !== null) mergeLines(fail, flags, matched);
  return fail;
}

/** The lines a merged failure reports (see mergeFailure). */
function mergeLines(fail: FailData, flags: number, matched: readonly LineParts[]): void {
  if ((flags & NOFAIL) === 0) {
    const lines = [...((popKey(fail, 'nofail-matches') as LineParts[] | undefined) ?? [])];
    lines.push(...((fail['matches'] as LineParts[] | undefined) ?? []));
    if ((flags & GAINED) === 0) lines.push(...matched);
    fail['matches'] = lines;
  } else if ((flags & (NOFAIL | FORGET)) === NOFAIL) {
    fail['nofail-matches'] = [...((fail['nofail-matches'] as LineParts[] | undefined) ?? []), ...matched];
  }
}

/** {@link addUser} for count objects (users: null when none yet). */
function addCountUser(fail: CountData, user: unknown): string[] | null {
  let users = fail.users;
  if (isTruthy(user)) {
    const name = String(user);
    if (users === null || users.length === 0) { users = [name]; fail.users = users; }
    else if (!users.includes(name)) users.push(name);
  }
  return users;
}

/**
 * {@link mergeFailure} without lines, for count objects (see COUNT_KEYS): the same decisions, read
 * and written as fixed properties of one object shape instead of key by key. `current` is fresh
 * from a match (its `users` and `mlfpending` are null).
 */
export function mergeCounts(cache: MlfidCache, mlfid: string, current: CountData): CountData {
  let fail = current;
  const cached = cache.get(mlfid) as CountData | undefined;
  let users: string[] | null = null;
  let flags = 0;
  if (isTruthy(fail.mlfgained)) {
    flags |= GAINED | NOFAIL;
    if (!isTruthy(fail.nofail)) fail.nofail = fail.mlfgained;
  } else if (isTruthy(fail.nofail)) flags |= NOFAIL;
  if (isTruthy(fail.mlfforget)) flags |= FORGET;
  fail.mlfforget = null;
  if (cached) {
    users = addCountUser(cached, fail.user);
    if (isTruthy(cached.nofail)) flags |= CACHED_NOFAIL;
    cached.nofail = null;
    if (isTruthy(cached.mlfgained)) flags |= CACHED_NOFAIL;
    cached.mlfgained = null;
    if (flags & GAINED) cached.mlfpending = null;
    // Every value the match has overwrites the cached one (mlfforget was just cleared).
    if (fail.mlfid !== null) cached.mlfid = fail.mlfid;
    if (fail.nofail !== null) cached.nofail = fail.nofail;
    if (fail.mlfgained !== null) cached.mlfgained = fail.mlfgained;
    if (fail.user !== null) cached.user = fail.user;
    if (fail.ip4 !== null) cached.ip4 = fail.ip4;
    if (fail.ip6 !== null) cached.ip6 = fail.ip6;
    if (fail.dns !== null) cached.dns = fail.dns;
    if (fail.fid !== null) cached.fid = fail.fid;
    if (fail.cidr !== null) cached.cidr = fail.cidr;
    fail = cached;
    if (flags & FORGET) cache.unset(mlfid);
  } else if (!(flags & FORGET)) {
    users = addCountUser(fail, fail.user);
    cache.add(mlfid, fail);
  }
  const pending = fail.mlfpending;
  fail.mlfpending = null;
  if (isTruthy(pending) || (users !== null && users.length > 1)) {
    fail.nofail = null;
    fail.mlfgained = null;
  }
  return fail;
}
