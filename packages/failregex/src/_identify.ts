/** @module _identify: picks a failure's id (address, host name or `<F-ID>`) as Fail2Ban 1.0 does. */
import { normalizeAddress } from './_address.js';
import type { FailData } from './_multiline.js';
import type { HostResolver } from './dns.js';
import type { UseDns } from './types.js';

/** The ids one match yields (a host name may resolve to several addresses). */
export interface FoundFailure {
  readonly ids: readonly string[];
  /** The address or name as captured. */
  readonly host?: string;
  readonly unresolved?: boolean;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function parseCidr(v: unknown): number | null {
  if (!v) return null;
  const n = Number.parseInt(String(v), 10);
  return Number.isFinite(n) ? n : null;
}

/**
 * How many ids identifyFailure would return, without building them (counting only), or the same
 * `pending` / `invalid`; null when only identifyFailure can tell (a host name that may resolve to
 * several addresses). Like identifyFailure, a captured empty string counts as present.
 */
export function countFailureIds(fail: FailData, mlfid: unknown, useDns: UseDns): number | 'pending' | 'invalid' | null {
  if (isPresent(fail['ip4']) || isPresent(fail['ip6'])) return 1;
  if (isPresent(fail['dns'])) return useDns === 'raw' ? 1 : null;
  if (isPresent(fail['fid'])) return 1;
  return mlfid === null || mlfid === undefined ? 'invalid' : 'pending';
}

const isPresent = (v: unknown): boolean => v !== null && v !== undefined;

/**
 * Returns the failure's ids, `pending` when only a multi-line id is known so far, or `invalid`
 * when the match captured nothing usable as an id. Sets `fail.ip` when `<F-ID>` and an address differ.
 */
export function identifyFailure(fail: FailData, mlfid: unknown, useDns: UseDns, resolver: HostResolver | undefined): FoundFailure | 'pending' | 'invalid' {
  let fid = text(fail['fid']);
  const ip4 = text(fail['ip4']);
  const ip6 = text(fail['ip6']);
  const dns = text(fail['dns']);
  const raw = useDns === 'raw';
  let address: string | null = null;
  let host: string | undefined;
  if (ip4 !== null || ip6 !== null) {
    host = (ip4 ?? ip6) as string;
    address = normalizeAddress(host, parseCidr(fail['cidr']));
  } else if (dns !== null) {
    host = dns;
    if (raw) address = dns;
    else {
      // A host name: resolve through the cache only; an uncached name is reported as written.
      if (normalizeAddress(dns) !== dns) return { ids: [normalizeAddress(dns)], host };
      const ips = resolver?.peek(dns);
      if (ips === undefined) return { ids: [dns], host, unresolved: resolver !== undefined };
      return { ids: ips.map((ip) => normalizeAddress(ip)), host };
    }
  } else {
    if (fid === null && (mlfid === null || mlfid === undefined)) return 'invalid';
    if (fid === null) return 'pending';
    const id = raw ? fid : normalizeAddress(fid);
    return { ids: [id] };
  }
  if (fid === null || fid === host) return { ids: [address], host };
  fail['ip'] = address;
  fid = raw ? fid : normalizeAddress(fid);
  return { ids: [fid], host };
}
