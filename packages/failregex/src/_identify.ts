/** @module _identify: picks a failure's id (address, host name or `<F-ID>`) as Fail2Ban 1.0 does, and builds the reported failure. */
import { normalizeAddress } from './_address.js';
import { isTruthy, type FailData } from './_multiline.js';
import type { LineParts } from './regex.js';
import type { HostResolver } from './dns.js';
import type { Failure, UseDns } from './types.js';

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

const INTERNAL_KEYS = new Set(['matches', 'nofail-matches', 'mlfpending', 'users', 'nofail']);

/** The reported failure for one of a match's ids: its fields (null captures and internal keys left out) and lines. */
export function buildFailure(id: string, found: FoundFailure, fail: FailData, time: number, regexIndex: number): Failure {
  const fields: Record<string, string | null | (string | null)[]> = {};
  // Null captures are left out: a missing field reads as null, and output stays small.
  for (const k in fail) {
    const v = fail[k];
    if (v === null || v === undefined || INTERNAL_KEYS.has(k) || k.startsWith('skiplines')) continue;
    fields[k] = Array.isArray(v) ? (v as (string | null)[]) : (v as string | null);
  }
  const users = fail['users'];
  if (Array.isArray(users) && users.length > 0) fields['users'] = [...(users as string[])].sort();
  const lines = (fail['matches'] as LineParts[] | undefined) ?? [];
  const matches: string[] = new Array<string>(lines.length);
  for (let k = 0; k < lines.length; k++) { const l = lines[k] as LineParts; matches[k] = l[0] + l[1] + l[2]; }
  const failure: { -readonly [K in keyof Failure]: Failure[K] } = { id, time, fields, matches, regexIndex, nofail: isTruthy(fail['nofail']) };
  if (found.host !== undefined) failure.host = found.host;
  if (found.unresolved) failure.unresolved = true;
  return failure;
}
