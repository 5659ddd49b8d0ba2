/** @module address: canonical text and family of failure ids (IPv4, IPv6, or other raw ids). */
import ipaddr from 'ipaddr.js';

/** `inet4`/`inet6` for addresses (as Fail2Ban's `<family>` tag), null for ids that are not addresses. */
export type AddressFamily = 'inet4' | 'inet6' | null;

const DOTTED_QUAD = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
// Longest IPv6 text with a zone or an embedded IPv4 stays under this; longer ids are never parsed.
const MAX_ADDRESS_LENGTH = 64;

/**
 * The form a failure id is stored under: IPv4 as is when already canonical (the fast path),
 * IPv6 compressed lower case, IPv4-mapped IPv6 as IPv4 (as Fail2Ban does); other text unchanged.
 */
export function normalizeId(id: string): string {
  if (DOTTED_QUAD.test(id)) return id;
  if (id.length > MAX_ADDRESS_LENGTH || (!id.includes(':') && !id.includes('.'))) return id;
  const parsed = parseAddress(id);
  return parsed ? parsed.toString() : id;
}

/** The family of an id already normalized by normalizeId. */
export function familyOf(id: string): AddressFamily {
  if (DOTTED_QUAD.test(id)) return 'inet4';
  return id.includes(':') && ipaddr.IPv6.isValid(id) ? 'inet6' : null;
}

/** Parses an address (IPv4-mapped IPv6 becomes IPv4), or returns null. */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (text.length > MAX_ADDRESS_LENGTH) return null;
  // ipaddr.js accepts IPv4 shorthands like "10.1" and octal; Fail2Ban (and we) want four decimal parts.
  if (!text.includes(':')) return DOTTED_QUAD.test(text) ? ipaddr.IPv4.parse(text) : null;
  if (!ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** A network: an address with a prefix length (a single address is /32 or /128). */
export interface Network {
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
  /** For IPv4 networks, the quick test: floor(ip / divisor) === high. Null for IPv6. */
  readonly v4: { readonly divisor: number; readonly high: number } | null;
}

/** The 32-bit value of a canonical dotted quad, or -1 for any other text (no parsing library: hot path). */
export function ipv4ToInt(text: string): number {
  if (!DOTTED_QUAD.test(text)) return -1;
  let value = 0;
  let part = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      value = value * 256 + part;
      part = 0;
    } else {
      part = part * 10 + code - 48;
    }
  }
  return value * 256 + part;
}

/** Whether the IPv4 value `ip` (from ipv4ToInt) lies in the IPv4 `network`. */
export function ipv4InNetwork(network: Network, ip: number): boolean {
  return network.v4 !== null && Math.floor(ip / network.v4.divisor) === network.v4.high;
}

function makeNetwork(address: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): Network {
  if (address.kind() !== 'ipv4') return { address, prefix, v4: null };
  const divisor = 2 ** (32 - prefix);
  return { address, prefix, v4: { divisor, high: Math.floor(ipv4ToInt(address.toString()) / divisor) } };
}

/** Parses `a.b.c.d`, `a.b.c.d/n`, `a.b.c.d/255.255.0.0`, IPv6 and IPv6/n; null when not a network. */
export function parseNetwork(text: string): Network | null {
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return null;
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  if (slash < 0) return makeNetwork(address, bits);
  const suffix = text.slice(slash + 1);
  let prefix: number | null = /^\d{1,3}$/.test(suffix) ? Number(suffix) : null;
  if (prefix === null && bits === 32 && DOTTED_QUAD.test(suffix)) prefix = ipaddr.IPv4.parse(suffix).prefixLengthFromSubnetMask();
  if (prefix === null || prefix > bits) return null;
  return makeNetwork(address, prefix);
}

/** Whether `address` lies in `network` (families must agree). */
export function networkContains(network: Network, address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (network.address.kind() !== address.kind()) return false;
  return address.match(network.address, network.prefix);
}
