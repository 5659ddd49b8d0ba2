/** @module status-overview: what `status` answers (and `/status.json` serves): jails, current bans, recent events. */
import type { JailStatus } from '@f2b/jail';
import type { CurrentBan, JailOverview, JailStatisticsRow, StatusResult } from '@f2b/transmitter';
import type { JailRuntime } from './jail-runtime.js';
import { VERSION, type F2bServer } from './server.js';

/** Bans listed at most (newest first); each jail's `currentlyBanned` has the full count. */
export const BANS_LISTED = 1000;

/** `status`: Fail2Ban's jail names, then f2b's overview of the server. */
export function serverStatus(s: F2bServer): StatusResult {
  const jails = sortedJails(s);
  const now = s.now();
  const all: Array<{ readonly j: JailRuntime; readonly ban: JailStatus['bannedList'][number] }> = [];
  for (const j of jails) for (const ban of j.jail.status().bannedList) all.push({ j, ban });
  all.sort((a, b) => b.ban.time - a.ban.time || a.j.name.localeCompare(b.j.name));
  // Only the bans listed are looked up for their count.
  const bans: CurrentBan[] = all.slice(0, BANS_LISTED).map(({ j, ban }) => ({
    jail: j.name,
    ip: ban.ip,
    bannedAt: ban.time,
    endsAt: ban.bantime < 0 ? null : ban.end,
    banCount: j.jail.getBan(ban.ip)?.bancount ?? 1,
  }));
  return {
    jails: jails.map((j) => j.name),
    server: { version: VERSION, startedAt: s.startedAt / 1000, now },
    jailDetails: jails.map(jailOverview),
    bans,
    bansLimit: BANS_LISTED,
    events: s.activity.lastEvents(),
    failuresPerMinute: s.activity.failuresPerMinute(now),
  };
}

export function sortedJails(s: F2bServer): JailRuntime[] {
  return [...s.jails.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** One row of `statistics` / `status --all stats`. */
export function statisticsRow(j: JailRuntime): JailStatisticsRow {
  const status = j.jail.status();
  return {
    jail: j.name,
    backend: j.spec.backend,
    currentlyFailed: status.currentlyFailed,
    totalFailed: status.totalFailed,
    currentlyBanned: status.currentlyBanned,
    totalBanned: status.totalBanned,
  };
}

function jailOverview(j: JailRuntime): JailOverview {
  return { ...statisticsRow(j), bantime: j.spec.bantime, findtime: j.spec.findtime, maxretry: j.spec.maxretry };
}
