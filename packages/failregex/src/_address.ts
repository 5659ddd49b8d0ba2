/** @module _address: normalises captured addresses the way Fail2Ban's IPAddr prints them. */
import { createRequire } from 'node:module';

// node:net loads on first use: requiring it costs ~1.7 ms of start-up (streams and sockets with
// it), a tenth of f2b-regex's own start on a short log, for one check made only on IPv6 text.
const requireBuiltin = createRequire(import.meta.url);
let netIsIPv6: ((ip: string) => boolean) | undefined;
function isIPv6(ip: string): boolean {
  netIsIPv6 ??= (requireBuiltin('node:net') as typeof import('node:net')).isIPv6;
  return netIsIPv6(ip);
}

/**
 * A dotted quad as Fail2Ban accepts it: four numbers 0-255 without leading zeros. By hand rather
 * than a regex: it runs for every failure found, and a regex call cost more than the whole test.
 */
export function isDottedQuad(ip: string): boolean {
  const n = ip.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    let value = 0;
    while (i < n) {
      const d = ip.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 3 || value > 255 || (digits > 1 && ip.charCodeAt(start) === 48)) return false;
    parts++;
    if (i === n) break;
    if (ip.charCodeAt(i) !== 46 || parts === 4) return false;
    i++;
    if (i === n) return false;
  }
  return parts === 4;
}

/**
 * Prints an address as Fail2Ban's IPAddr does: IPv6 compressed and lower-case, IPv4-mapped IPv6 as
 * IPv4, a prefix masked and appended (`192.0.2.0/24`); text that is not an address comes back as is.
 */
export function normalizeAddress(text: string, cidr: number | null = null): string {
  let ip = text;
  if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  if (cidr === null && ip.includes('/')) {
    const [addr, plen] = ip.split('/', 2) as [string, string];
    if (/^\d{1,3}$/.test(plen)) { ip = addr; cidr = Number(plen); }
  }
  if (isDottedQuad(ip)) return cidr === null || cidr >= 32 ? ip : formatV4(parseV4(ip), cidr);
  if (isIPv6(ip) && !ip.includes('%')) {
    const value = parseV6(ip);
    if (cidr === null && value >> 32n === 0xffffn) return formatV4(Number(value & 0xffffffffn), null);
    return formatV6(value, cidr);
  }
  return text;
}

function parseV4(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function formatV4(value: number, cidr: number | null): string {
  let v = value;
  if (cidr !== null && cidr >= 0 && cidr < 32) v = cidr === 0 ? 0 : (v & (~0 << (32 - cidr))) >>> 0;
  const text = [24, 16, 8, 0].map((s) => (v >>> s) & 255).join('.');
  return cidr !== null && cidr > 0 && cidr < 32 ? `${text}/${cidr}` : text;
}

function parseV6(ip: string): bigint {
  let text = ip.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = parseV4(v4[1] as string);
    text = `${text.slice(0, v4.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::', 2) as [string, string]) : [text, null];
  const h = head === '' ? [] : head.split(':');
  const t = tail === null || tail === '' ? [] : tail.split(':');
  const groups = tail === null ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

function formatV6(value: bigint, cidr: number | null): string {
  let v = value;
  if (cidr !== null && cidr >= 0 && cidr < 128) {
    const mask = ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - cidr)) - 1n);
    v &= mask;
  }
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((v >> s) & 0xffffn));
  // Longest run of two or more zero groups becomes `::` (RFC 5952, as inet_ntop prints it).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  const text = best < 0 ? hex.join(':') : `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
  return cidr !== null && cidr > 0 && cidr < 128 ? `${text}/${cidr}` : text;
}
