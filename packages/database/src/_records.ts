/** @module _records: converts ban records to rows and back, trimming matches to `dbmaxmatches`. */
import type { BanData, BanRecord } from './types.js';

/** A row of `bans` or `current_bans`, as bound to statements. */
export interface BanRow {
  jail: string;
  ip: string;
  time: number;
  bantime: number;
  bancount: number;
  data: string;
  end_time: number | null;
}

/** Keeps only the last `maxMatches` matched lines (none when 0). */
export function trimMatches(data: BanData, maxMatches: number): BanData {
  const matches = data.matches;
  if (matches === undefined) return data;
  if (maxMatches <= 0) {
    const { matches: _dropped, ...rest } = data;
    return rest;
  }
  return matches.length > maxMatches ? { ...data, matches: matches.slice(-maxMatches) } : data;
}

/** The end of a ban in epoch seconds, or null when permanent. */
export function banEnd(time: number, bantime: number): number | null {
  return bantime < 0 ? null : time + bantime;
}

export function toBanRow(ban: BanRecord, maxMatches: number): BanRow {
  return {
    jail: ban.jail,
    ip: ban.ip,
    time: ban.time,
    bantime: ban.bantime,
    bancount: ban.bancount,
    data: JSON.stringify(trimMatches(ban.data ?? {}, maxMatches)),
    end_time: banEnd(ban.time, ban.bantime),
  };
}

/** Parses stored data; a row damaged outside f2b yields `{}` rather than losing the ban itself. */
export function parseBanData(text: string): BanData {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as BanData) : {};
  } catch {
    return {};
  }
}

export function fromBanRow(row: Omit<BanRow, 'end_time'>, maxMatches: number): BanRecord {
  return {
    jail: row.jail,
    ip: row.ip,
    time: row.time,
    bantime: row.bantime,
    bancount: row.bancount,
    data: trimMatches(parseBanData(row.data), maxMatches),
  };
}

/** Rejects records that would store nonsense; the message names the field. */
export function checkBanRecord(ban: BanRecord): string | undefined {
  if (typeof ban.jail !== 'string' || ban.jail === '') return 'jail must be a non-empty string';
  if (typeof ban.ip !== 'string' || ban.ip === '') return 'ip must be a non-empty string';
  if (!Number.isFinite(ban.time)) return `ban of ${ban.ip}: time must be a finite number`;
  if (!Number.isFinite(ban.bantime) || (ban.bantime < 0 && ban.bantime !== -1)) {
    return `ban of ${ban.ip}: bantime must be seconds >= 0, or -1 for permanent`;
  }
  if (!Number.isInteger(ban.bancount) || ban.bancount < 1) return `ban of ${ban.ip}: bancount must be an integer >= 1`;
  return undefined;
}
