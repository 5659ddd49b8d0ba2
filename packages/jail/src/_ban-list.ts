/** @module ban-list: the bans in force, with the earliest end kept so expiry checks are usually free. */
import { endOfBan, PERMANENT_END, type BanTicket } from './ticket.js';

/** Currently banned ids and their tickets. */
export class BanList {
  private readonly tickets = new Map<string, BanTicket>();
  // No ban ends before this: expire() returns at once until then (Fail2Ban's _nextUnbanTime).
  private nextEnd = PERMANENT_END;
  total = 0;

  get size(): number {
    return this.tickets.size;
  }

  get(id: string): BanTicket | undefined {
    return this.tickets.get(id);
  }

  /** Adds a new ban (the caller checked it is not banned yet). */
  add(ticket: BanTicket): void {
    this.tickets.set(ticket.ip, ticket);
    this.total++;
    this.nextEnd = Math.min(this.nextEnd, endOfBan(ticket));
  }

  /** Replaces the ticket of an id already banned (a prolonged ban ends later, so nextEnd stays valid). */
  replace(ticket: BanTicket): void {
    this.tickets.set(ticket.ip, ticket);
  }

  remove(id: string): BanTicket | undefined {
    const ticket = this.tickets.get(id);
    if (ticket) this.tickets.delete(id);
    return ticket;
  }

  /** Removes and returns every ban whose end is before `now` (a ban lasts through its last second). */
  expire(now: number): BanTicket[] {
    if (now <= this.nextEnd) return [];
    const expired: BanTicket[] = [];
    let nextEnd = PERMANENT_END;
    for (const [id, ticket] of this.tickets) {
      const end = endOfBan(ticket);
      if (now > end) {
        expired.push(ticket);
        this.tickets.delete(id);
      } else if (end < nextEnd) {
        nextEnd = end;
      }
    }
    this.nextEnd = nextEnd;
    return expired.sort((a, b) => endOfBan(a) - endOfBan(b));
  }

  /** Removes and returns every ban. */
  flush(): BanTicket[] {
    const all = [...this.tickets.values()];
    this.tickets.clear();
    this.nextEnd = PERMANENT_END;
    return all;
  }

  /** Tickets ordered by end of ban. */
  ordered(): BanTicket[] {
    return [...this.tickets.values()].sort((a, b) => endOfBan(a) - endOfBan(b));
  }
}
