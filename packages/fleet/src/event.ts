/** @module event: a ban change as it travels on the stream, and the strict reading of what peers wrote. */
import { isIP } from 'node:net';

/** `ban`: an address banned (with its ban count for bantime.increment); `unban`: lifted by hand. */
export type FleetEventKind = 'ban' | 'unban';

/** A local ban change to share. */
export interface FleetEvent {
  readonly kind: FleetEventKind;
  readonly jail: string;
  readonly ip: string;
  /** Start of the ban, epoch seconds. */
  readonly time: number;
  /** Seconds, -1 permanent (0 for unbans). */
  readonly bantime: number;
  readonly bancount: number;
}

/** An event waiting in the outbox; `seq` grows by one per event of this database. */
export interface QueuedEvent extends FleetEvent {
  readonly seq: number;
}

/** An event read from the stream. */
export interface RemoteEvent extends FleetEvent {
  /** Stream entry id (`1733322000000-0`). */
  readonly id: string;
  readonly origin: string;
  /** The sender's outbox (origin + database instance): seq is counted per sender. */
  readonly sender: string;
  readonly seq: number;
}

/** Longest jail name or address accepted from a peer: the stream is shared, so it is outside input. */
const MAX_TEXT = 256;
const FORMAT = '1';

/** Field/value list for XADD. */
export function toStreamFields(event: QueuedEvent, origin: string, instance: string): string[] {
  return [
    'v', FORMAT, 'origin', origin, 'instance', instance, 'seq', String(event.seq), 'kind', event.kind,
    'jail', event.jail, 'ip', event.ip, 'time', String(event.time), 'bantime', String(event.bantime), 'bancount', String(event.bancount),
  ];
}

/** Reads one stream entry; `{ invalid }` says why an entry is not a well-formed event of this format. */
export function fromStreamEntry(id: string, fields: readonly string[]): RemoteEvent | { invalid: string } {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  if (map.get('v') !== FORMAT) return { invalid: `unknown format '${clip(map.get('v') ?? '')}'` };
  const text = (key: string): string | undefined => {
    const value = map.get(key);
    return value !== undefined && value.length > 0 && value.length <= MAX_TEXT && !/[\0-\x1f]/.test(value) ? value : undefined;
  };
  const number = (key: string): number | undefined => {
    const value = map.get(key);
    return value !== undefined && /^-?\d{1,16}(\.\d{1,9})?$/.test(value) ? Number(value) : undefined;
  };
  const kind = map.get('kind');
  const origin = text('origin');
  const instance = text('instance');
  const jail = text('jail');
  const ip = text('ip');
  const seq = number('seq');
  const time = number('time');
  const bantime = number('bantime');
  const bancount = number('bancount');
  if (kind !== 'ban' && kind !== 'unban') return { invalid: `unknown kind '${clip(kind ?? '')}'` };
  if (!origin || !instance || !jail || !ip) return { invalid: 'origin, instance, jail or ip missing or malformed' };
  // Only addresses travel: whoever can write to the stream must not hand our actions arbitrary text.
  if (isIP(ip) === 0) return { invalid: `ip ${clip(ip)} is not an IPv4 or IPv6 address` };
  if (seq === undefined || !Number.isInteger(seq) || seq < 1) return { invalid: 'seq is not a positive integer' };
  if (time === undefined || bantime === undefined || bancount === undefined || bantime < -1 || bancount < 0) {
    return { invalid: 'time, bantime or bancount malformed' };
  }
  return { id, origin, sender: `${origin}/${instance}`, seq, kind, jail, ip, time, bantime, bancount: Math.floor(bancount) };
}

/** Milliseconds part of a stream id (when Redis added the entry). */
export function streamIdTime(id: string): number {
  return Number(id.split('-', 1)[0]);
}

function clip(text: string): string {
  return JSON.stringify(text.slice(0, 40));
}
