/** @module ignore-lists: ignoreip entries (addresses, networks, DNS names, `file:` lists) and how they match. */
import { readFileSync, statSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { normalizeId, parseNetwork, networkContains, ipv4InNetwork, ipv4ToInt, parseAddress, type Network } from './_address.js';

/** Resolves a DNS name to its addresses (empty when it does not resolve). */
export type NameResolver = (name: string) => Promise<string[]>;

/** The default resolver: the system's getaddrinfo, every address. */
export const resolveWithSystem: NameResolver = async (name) => {
  try {
    return (await lookup(name, { all: true })).map((entry) => entry.address);
  } catch {
    return [];
  }
};

const HOSTNAME = /^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** Entries of one list: single addresses, networks, DNS names. */
export interface EntryList {
  readonly singles: Set<string>;
  readonly nets: Network[];
  readonly names: string[];
}

/** Sorts `entries` into `list`; returns the entries that are neither address, network nor DNS name. */
export function addEntries(list: EntryList, entries: readonly string[]): string[] {
  const rejected: string[] = [];
  for (const entry of entries) {
    if (entry === '') continue;
    const network = parseNetwork(entry);
    if (network) {
      const single = network.prefix === (network.address.kind() === 'ipv4' ? 32 : 128);
      if (single) list.singles.add(network.address.toString());
      else list.nets.push(network);
    } else if (HOSTNAME.test(entry)) {
      list.names.push(entry.toLowerCase());
    } else {
      rejected.push(entry);
    }
  }
  return rejected;
}

export function createEntryList(): EntryList {
  return { singles: new Set(), nets: [], names: [] };
}

/** Splits a list file's text: entries separated by blanks or commas, `#` starts a comment. */
export function splitListFile(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.replace(/#.*/, '').split(/[\s,]+/))
    .filter((entry) => entry !== '');
}

/** A `file:` list, re-read when its modification time changes (checked at most once a second). */
export class ListFile {
  private list = createEntryList();
  private mtimeMs = -1;
  private checkedAt = -Infinity;
  constructor(readonly path: string) {}

  /** The entries as of `now` (re-reading the file if it changed). */
  current(now: number): EntryList {
    if (now - this.checkedAt < 1) return this.list;
    this.checkedAt = now;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.path).mtimeMs;
    } catch {
      this.list = createEntryList();
      this.mtimeMs = -1;
      return this.list;
    }
    if (mtimeMs !== this.mtimeMs) {
      this.mtimeMs = mtimeMs;
      const list = createEntryList();
      // A bad line in a list file is skipped, not fatal: the file may be written by another tool.
      addEntries(list, splitListFile(readFileSync(this.path, 'utf8')));
      this.list = list;
    }
    return this.list;
  }
}

/** Resolved DNS names with expiry; lookups of the same name share one pending promise. */
export class NameCache {
  private readonly entries = new Map<string, { addresses: Set<string>; expires: number }>();
  private readonly pending = new Map<string, Promise<void>>();
  constructor(
    private readonly resolve: NameResolver,
    private readonly ttl: number,
  ) {}

  /** The addresses of `name`, or undefined when unknown or expired. */
  addressesOf(name: string, now: number): Set<string> | undefined {
    const entry = this.entries.get(name);
    return entry && entry.expires > now ? entry.addresses : undefined;
  }

  /** Resolves `name` (once at a time) and stores its canonical addresses. */
  refresh(name: string, now: number): Promise<void> {
    let running = this.pending.get(name);
    if (!running) {
      running = this.resolve(name)
        .catch(() => [] as string[])
        .then((addresses) => {
          this.entries.set(name, { addresses: new Set(addresses.map(normalizeId)), expires: now + this.ttl });
        })
        .finally(() => this.pending.delete(name));
      this.pending.set(name, running);
    }
    return running;
  }
}

/** Whether canonical `id` is in `list`: true, false, or undefined when a name is unresolved. */
export function matchList(list: EntryList, id: string, names: NameCache, now: number): boolean | undefined {
  if (list.singles.has(id)) return true;
  if (list.nets.length > 0) {
    const v4 = ipv4ToInt(id);
    if (v4 >= 0) {
      for (const net of list.nets) if (ipv4InNetwork(net, v4)) return true;
    } else {
      const address = parseAddress(id);
      if (address) for (const net of list.nets) if (networkContains(net, address)) return true;
    }
  }
  let unresolved = false;
  for (const name of list.names) {
    const addresses = names.addressesOf(name, now);
    if (addresses === undefined) unresolved = true;
    else if (addresses.has(id)) return true;
  }
  return unresolved ? undefined : false;
}
