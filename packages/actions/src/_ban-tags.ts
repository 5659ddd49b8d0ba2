/** @module ban-tags: the run-time tag values of one ban (`<ip>`, `<ip-rev>`, `<matches>`, `<F-*>`, …). */
import { isIPv4, isIPv6 } from 'node:net';
import { fieldNameOfTag, type DynamicLookup } from './_dynamic.js';
import type { BanInfo, Family } from './types.js';

/** 32 hex nibbles of an IPv6 address (handles `::` and a trailing dotted IPv4 part). */
function expandIPv6(ip: string): string {
  let text = ip.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    const hex = (n: number) => n.toString(16).padStart(2, '0');
    text = `${text.slice(0, v4.index)}${hex(a)}${hex(b)}:${hex(c)}${hex(d)}`;
  }
  const [head = '', tail] = text.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(8 - headParts.length - tailParts.length).fill('0');
  return [...headParts, ...zeros, ...tailParts].map((group) => group.padStart(4, '0')).join('');
}

/**
 * DNS PTR labels of an address without suffix, as Fail2Ban's `<ip-rev>`:
 * `192.0.2.7` → `7.2.0.192.`; IPv6 gives 32 reversed nibbles.
 */
export function reverseAddress(ip: string): string {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.`;
  if (isIPv6(ip)) return `${expandIPv6(ip).split('').reverse().join('.')}.`;
  return '';
}

/** Options for `lookupBanTag`. */
export interface BanTagContext {
  /** Family for commands run without a ban (start/stop/flush): `''` when the action has no family variants. */
  readonly family: Family | '';
  /** Host name of the address (`<ip-host>`), resolved beforehand when the command uses it. */
  readonly host?: string;
  /** Epoch seconds now, for `<bantime-left>` and `<time>` of commands without a ban. */
  readonly now: number;
  /** Values of the batch tags (`<batch>`) for batched commands. */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Seconds a ban still has to run (at least 1), or -1 for a permanent ban. */
export function secondsLeft(info: BanInfo, now: number): number {
  if (info.bantime < 0) return -1;
  return Math.max(1, Math.ceil(info.time + info.bantime - now));
}

/** Returns the lookup of run-time tags for one ban (or none, for start/stop/flush commands). */
export function lookupBanTag(info: BanInfo | null, context: BanTagContext): DynamicLookup {
  return (tag) => {
    const extra = context.extra?.[tag];
    if (extra !== undefined) return extra;
    if (tag === 'family') return info?.family ?? context.family;
    if (info === null) return tag === 'time' ? String(context.now) : undefined;
    switch (tag) {
      case 'ip': return info.ip;
      case 'ip-rev': return reverseAddress(info.ip);
      case 'ip-host': return context.host ?? '';
      case 'fid': return info.fid ?? info.ip;
      case 'failures': return String(info.failures);
      case 'time': return String(info.time);
      case 'bantime': return String(info.bantime);
      case 'bantime-left': return String(secondsLeft(info, context.now));
      case 'bancount': return String(info.bancount);
      case 'restored': return info.restored ? '1' : '0';
      case 'matches': return info.matches.join('\n');
      case 'ipmatches': return (info.ipmatches ?? info.matches).join('\n');
      case 'ipjailmatches': return (info.ipjailmatches ?? info.matches).join('\n');
      case 'ipfailures': return String(info.ipfailures ?? info.failures);
      case 'ipjailfailures': return String(info.ipjailfailures ?? info.failures);
    }
    const field = fieldNameOfTag(tag);
    if (field === undefined) return undefined;
    const renamed = field === 'id' ? 'fid' : field === 'port' ? 'fport' : field;
    // Fail2Ban replaces a capture the filter did not produce with nothing.
    return info.fields[field] ?? info.fields[renamed] ?? '';
  };
}
