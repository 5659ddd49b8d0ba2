/** @module _tickets: a jail's ban ticket as the actions and the database want it. */
import type { BanInfo } from '@f2b/actions';
import type { BanRecord, BanDatabase } from '@f2b/database';
import type { BanHistory, BanTicket } from '@f2b/jail';

/** Text values of the filter's captures (`user`, …); lists are joined, empty captures left out. */
export function fieldsAsText(fields: Readonly<Record<string, unknown>>): Readonly<Record<string, string>> {
  // Usually every capture is already text: then the object itself is the answer (no copy per failure).
  let allText = true;
  for (const key in fields) {
    if (typeof fields[key] !== 'string') {
      allText = false;
      break;
    }
  }
  if (allText) return fields as Readonly<Record<string, string>>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    out[key] = Array.isArray(value) ? value.filter((v) => v !== null).join(',') : String(value);
  }
  return out;
}

/** What a ban action needs to know of a ticket. Ids that are not addresses are handed on as IPv4-family text. */
export function toBanInfo(ticket: BanTicket): BanInfo {
  return {
    ip: ticket.ip,
    family: ticket.family ?? 'inet4',
    failures: ticket.failures,
    matches: ticket.matches,
    time: ticket.time,
    bantime: ticket.bantime,
    bancount: ticket.bancount,
    restored: ticket.restored,
    fields: fieldsAsText(ticket.fields),
  };
}

/** The database row of a ticket. */
export function toBanRecord(jail: string, ticket: BanTicket): BanRecord {
  return {
    jail,
    ip: ticket.ip,
    time: ticket.time,
    bantime: ticket.bantime,
    bancount: ticket.bancount,
    data: { matches: [...ticket.matches], failures: ticket.failures, fields: fieldsAsText(ticket.fields) },
  };
}

/** bantime.increment's memory of earlier bans, read from the database (so it survives restarts). */
export function databaseBanHistory(db: BanDatabase): BanHistory {
  return {
    lookupBan(ip, jail, overall) {
      const count = db.banCount(ip, overall ? { overall: true } : { jail });
      return count ? { banCount: count.bancount, timeOfBan: count.time, banTime: count.bantime } : undefined;
    },
    // The server records each ban itself (durably, before the actions run).
    recordBan: () => undefined,
    forgetBan: (ip, jail) => {
      db.removeBan(jail, ip);
    },
  };
}
