/** @module dns: a host-name cache filled in the background, so matching never waits for DNS. */
import { lookup } from 'node:dns/promises';

/** Resolves host names to addresses; the filter only calls `peek` on its hot path. */
export interface HostResolver {
  /** Cached addresses for a name, or undefined when not (yet) known; starts a lookup on a miss. */
  peek(name: string): readonly string[] | undefined;
}

/** Options of {@link createDnsCache}. */
export interface DnsCacheOptions {
  /** Seconds a lookup result is kept (default 300, like Fail2Ban's DNS cache). */
  readonly ttl?: number;
  /** Most names kept (default 1000); the oldest are dropped first. */
  readonly maxEntries?: number;
  /** The lookup function (default: node:dns lookup, all addresses). */
  readonly resolve?: (name: string) => Promise<string[]>;
}

/** A cache of name → addresses with background lookups; `settled()` waits for lookups in flight. */
export interface DnsCache extends HostResolver {
  settled(): Promise<void>;
}

/** Creates a {@link DnsCache}. A failed lookup is cached as "no addresses" for the same ttl. */
export function createDnsCache(options: DnsCacheOptions = {}): DnsCache {
  const ttl = (options.ttl ?? 300) * 1000;
  const max = options.maxEntries ?? 1000;
  const resolve = options.resolve ?? (async (name: string) => (await lookup(name, { all: true })).map((a) => a.address));
  const cache = new Map<string, { ips: readonly string[]; until: number }>();
  const pending = new Map<string, Promise<void>>();
  const start = (name: string): void => {
    if (pending.has(name)) return;
    const job = resolve(name)
      .catch(() => [] as string[])
      .then((ips) => {
        cache.set(name, { ips, until: Date.now() + ttl });
        while (cache.size > max) cache.delete(cache.keys().next().value as string);
      })
      .finally(() => pending.delete(name));
    pending.set(name, job);
  };
  return {
    peek(name) {
      const hit = cache.get(name);
      if (hit && hit.until > Date.now()) return hit.ips;
      start(name);
      return undefined;
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending.values()]);
    },
  };
}
