/** @module systemd/entry: turn one `journalctl -o json` entry into a LogLine formatted like a syslog line. */
import type { LineDecoder } from '../_decode.js';
import type { LogLine } from '../types.js';

type JsonValue = string | number | null | readonly number[] | readonly (readonly number[])[];

/** Decodes a journal field: a string, an array of bytes (binary or non-UTF-8), or several values of one field. */
function decodeField(value: JsonValue | undefined, decode: LineDecoder): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value.length === 0) return '';
  if (typeof value[0] === 'number') {
    const bytes = Buffer.from(value as readonly number[]);
    return decode(bytes, 0, bytes.length);
  }
  // Repeated field: journalctl lists every value; the message parts are joined by spaces.
  return (value as readonly (readonly number[] | string)[])
    .map((part) => (typeof part === 'string' ? part : decodeField(part as readonly number[], decode) ?? ''))
    .join(' ');
}

/** Parses one JSON line; null when it is not an object (journalctl prints only entries in json mode). */
export function parseJournalEntry(text: string, decode: LineDecoder): Record<string, string> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, JsonValue>)) {
    const decoded = decodeField(value, decode);
    if (decoded !== undefined) fields[key] = decoded;
  }
  return fields;
}

function formatPid(pid: string): string {
  const number = Number.parseInt(pid, pid.startsWith('0x') ? 16 : 10);
  return `[${Number.isNaN(number) ? pid : number}]`;
}

/** Epoch seconds of an entry: the source's own stamp when given, else the journal's receive time. */
export function entryTime(fields: Readonly<Record<string, string>>): number | undefined {
  const micros = fields['_SOURCE_REALTIME_TIMESTAMP'] ?? fields['__REALTIME_TIMESTAMP'];
  const value = micros === undefined ? NaN : Number(micros);
  return Number.isFinite(value) ? value / 1e6 : undefined;
}

/**
 * Builds the line filters expect from a journal entry: `HOST IDENT[PID]: MESSAGE` (each part only when present),
 * a kernel entry with its monotonic seconds, newlines inside the message shown as `\n` so one entry stays one line.
 */
export function formatJournalLine(fields: Readonly<Record<string, string>>, path: string, maxLineLength: number): LogLine {
  const parts: string[] = [];
  const host = fields['_HOSTNAME'];
  if (host) parts.push(host);
  const ident = fields['SYSLOG_IDENTIFIER'] || fields['_COMM'];
  if (ident) {
    const pid = fields['SYSLOG_PID'] || fields['_PID'];
    const tag = `${ident}${pid ? formatPid(pid) : ''}:`;
    parts.push(tag);
    if (tag === 'kernel:') {
      const monotonic = Number(fields['_SOURCE_MONOTONIC_TIMESTAMP'] ?? fields['__MONOTONIC_TIMESTAMP'] ?? NaN);
      if (Number.isFinite(monotonic)) parts.push(`[${(monotonic / 1e6).toFixed(6).padStart(12)}]`);
    }
  }
  parts.push(fields['MESSAGE'] ?? '');
  let line = parts.join(' ').replaceAll('\n', '\\n');
  if (line.length > maxLineLength) line = line.slice(0, maxLineLength);
  const time = entryTime(fields);
  return time === undefined ? { line, path, fields } : { line, path, time, fields };
}
