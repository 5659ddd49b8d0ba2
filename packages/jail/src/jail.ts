/** @module jail: one jail's failures and bans with Fail2Ban 1.0/1.1 semantics, driven by an injectable clock. */
import { NotBannedError, AddressError } from './errors.js';
import { familyOf, normalizeId, parseNetwork, parseAddress, networkContains } from './_address.js';
import { FailTable, type FailRecord, type FailureFields } from './_fail-table.js';
import { BanList } from './_ban-list.js';
import { createBanTimeCalculator, type BanTimeCalculator } from './ban-time.js';
import { createMemoryBanHistory, type BanHistory } from './ban-history.js';
import { createIgnoreRules, type IgnoreRules } from './ignore.js';
import { resolveJailOptions, type JailOptions, type ResolvedJailOptions } from './options.js';
import { endOfBan, type BanTicket } from './ticket.js';

/** One failure found by a filter. */
export interface Failure {
  /** The id (normally an IPv4/IPv6 address). */
  readonly id: string;
  /** Log time in epoch seconds (default: now); later than now counts as now. */
  readonly time?: number;
  /** Matched log lines. */
  readonly matches?: readonly string[];
  /** Captured fields (`user`, …), kept from the first failure of the id. */
  readonly fields?: FailureFields;
  /** Weight of this failure (default 1; `attempt` passes more). */
  readonly count?: number;
}

/** A jail's counters, as `f2b-client status <jail>` prints them. */
export interface JailStatus {
  readonly currentlyFailed: number;
  readonly totalFailed: number;
  readonly currentlyBanned: number;
  readonly totalBanned: number;
  /** Bans in force, earliest end first; `end` is epoch seconds (PERMANENT_END for permanent). */
  readonly bannedList: ReadonlyArray<{ readonly ip: string; readonly time: number; readonly bantime: number; readonly end: number }>;
}

/** A ban to restore from a database at start. */
export type RestoredBan = Pick<BanTicket, 'ip' | 'time' | 'bantime' | 'bancount'> & Partial<Pick<BanTicket, 'failures' | 'matches' | 'fields'>>;

// Failures are cleaned up at most this often (clock seconds), as Fail2Ban's performSvc.
const CLEANUP_INTERVAL = 5;

/** Creates a jail; throws JailOptionError / FormulaError for options it cannot use. */
export function createJail(options: JailOptions = {}): Jail {
  return new Jail(options);
}

function incrementOf(options: JailOptions): { readonly calculate: BanTimeCalculator; readonly overall: boolean } | null {
  const inc = options.bantimeIncrement;
  return inc?.enabled ? { calculate: createBanTimeCalculator(inc, options.random), overall: inc.overalljails ?? false } : null;
}

/** Counts failures per id within findtime and decides bans; all times are epoch seconds. */
export class Jail {
  private settings: ResolvedJailOptions;
  private ignoreRules: IgnoreRules;
  private readonly now: () => number;
  private readonly failures = new FailTable();
  private readonly bans = new BanList();
  private readonly history: BanHistory;
  private increment: { readonly calculate: BanTimeCalculator; readonly overall: boolean } | null;
  private readonly onProlong: ((ticket: BanTicket) => void) | undefined;
  private totalFailed = 0;
  private nextCleanup = -Infinity;

  constructor(private readonly given: JailOptions = {}) {
    this.settings = resolveJailOptions(given);
    this.now = given.now ?? (() => Date.now() / 1000);
    this.ignoreRules = createIgnoreRules({ ...given, jail: this.settings.name, now: this.now });
    this.history = given.history ?? createMemoryBanHistory();
    this.increment = incrementOf(given);
    this.onProlong = given.onProlong;
  }

  /** The jail's counting and ban options, defaults applied. */
  get options(): ResolvedJailOptions {
    return this.settings;
  }

  /** The jail's ignore rules (ignoreip, ignoreself, ignorecommand, ignorecache). */
  get ignore(): IgnoreRules {
    return this.ignoreRules;
  }

  /**
   * Applies changed options at run time (`set JAIL maxretry 3` …): failures, bans and totals are
   * kept. Ignore rules are rebuilt only when an ignore option changed (addresses added at run time
   * then start over from the new options). Throws, changing nothing, for options it cannot use.
   */
  reconfigure(changes: JailOptions): void {
    const next: JailOptions = { ...this.given, ...changes, now: this.now, history: this.history };
    const settings = resolveJailOptions(next);
    const increment = incrementOf(next);
    const ignoreKeys = ['ignoreip', 'ignoreself', 'ignorecommand', 'ignorecache'] as const;
    const ignoreChanged = ignoreKeys.some((k) => JSON.stringify(next[k]) !== JSON.stringify(this.given[k]));
    const ignore = ignoreChanged ? createIgnoreRules({ ...next, jail: settings.name, now: this.now }) : this.ignoreRules;
    Object.assign(this, { given: next, settings, increment, ignoreRules: ignore });
  }

  /**
   * Records a failure without ignore checks (use processFailure for those) and returns the new
   * ban it causes, or null. Failures older than findtime are not counted.
   */
  addFailure(failure: Failure): BanTicket | null {
    const { findtime, maxretry, maxmatches } = this.options;
    const now = this.now();
    const time = failure.time === undefined || failure.time > now ? now : failure.time;
    if (time < now - findtime) return null;
    const id = normalizeId(failure.id);
    this.totalFailed++;
    let retry = this.failures.add(id, time, failure.count ?? 1, findtime, maxmatches, failure.matches, failure.fields);
    if (this.increment) retry = this.weighKnownOffender(id, time, retry);
    let ticket: BanTicket | null = null;
    if (retry >= maxretry) ticket = this.ban(this.failures.take(id)!);
    if (now >= this.nextCleanup) this.cleanupFailures(now);
    return ticket;
  }

  /** Checks the ignore rules, then records the failure; resolves to the new ban or null. */
  async processFailure(failure: Failure): Promise<BanTicket | null> {
    const quick = this.ignore.checkSync(failure.id, failure.fields);
    if (quick === true || (quick === undefined && (await this.ignore.isIgnored(failure.id, failure.fields)))) return null;
    return this.addFailure(failure);
  }

  /** `attempt <ip> [lines…]`: a failure now, weighing `count` (default: number of lines, at least 1). */
  attempt(ip: string, options: { readonly count?: number; readonly matches?: readonly string[] } = {}): BanTicket | null {
    const matches = options.matches ?? [];
    return this.addFailure({ id: ip, matches, count: options.count ?? (matches.length || 1) });
  }

  /** `banip`: bans `ip` now with the jail's bantime (grown by bantime.increment); null if already banned. */
  banIp(ip: string): BanTicket | null {
    const now = this.now();
    return this.ban({ id: normalizeId(ip), firstTime: now, time: now, retry: 0, failures: 0, matches: [], fields: {} });
  }

  /**
   * `unbanip`: lifts the bans of `ip`, or of every banned address inside a CIDR network; forgets
   * them in the history. Throws NotBannedError when none was banned, unless `ifExists`.
   */
  unbanIp(ip: string, options: { readonly ifExists?: boolean } = {}): BanTicket[] {
    const id = normalizeId(ip);
    const direct = this.bans.get(id) ? [id] : [];
    const network = direct.length === 0 && ip.includes('/') ? parseNetwork(ip) : null;
    if (direct.length === 0 && ip.includes('/') && !network) throw new AddressError(ip, `jail '${this.options.name}': unbanip`);
    const ids = network
      ? this.bans.ordered().map((t) => t.ip).filter((banned) => {
          const address = parseAddress(banned);
          return address !== null && networkContains(network, address);
        })
      : direct;
    if (ids.length === 0 && !options.ifExists) throw new NotBannedError(this.options.name, ip);
    return ids.map((banned) => {
      this.history.forgetBan(banned, this.options.name);
      return this.bans.remove(banned)!;
    });
  }

  /** `unban --all`: lifts every ban and forgets them in the history. */
  unbanAll(): BanTicket[] {
    const all = this.bans.flush();
    for (const ticket of all) this.history.forgetBan(ticket.ip, this.options.name);
    return all;
  }

  /** Bans whose time is over at `now` (default: the clock), removed from the jail; pass them to the unban actions. */
  expireBans(now: number = this.now()): BanTicket[] {
    return this.bans.expire(now);
  }

  /** Forgets failures whose last occurrence is findtime or more before `now`; returns how many. */
  cleanupFailures(now: number = this.now()): number {
    this.nextCleanup = now + CLEANUP_INTERVAL;
    return this.failures.removeOlderThan(now - this.options.findtime);
  }

  /**
   * Restores a ban read from a database at start (marked `restored`), or takes one a peer made (`restored:
   * false`, as the fleet does); null when it is over or already in force.
   */
  restoreBan(ban: RestoredBan, options: { readonly restored?: boolean } = {}): BanTicket | null {
    const id = normalizeId(ban.ip);
    const ticket: BanTicket = {
      ip: id, family: familyOf(id), failures: ban.failures ?? 0, matches: ban.matches ?? [], time: ban.time,
      bantime: ban.bantime, bancount: ban.bancount, restored: options.restored ?? true, fields: ban.fields ?? {},
    };
    if (endOfBan(ticket) < this.now() || this.bans.get(id)) return null;
    this.bans.add(ticket);
    return ticket;
  }

  /** The ban in force for `ip`, if any. */
  getBan(ip: string): BanTicket | undefined {
    return this.bans.get(normalizeId(ip));
  }

  status(): JailStatus {
    return {
      currentlyFailed: this.failures.size,
      totalFailed: this.totalFailed,
      currentlyBanned: this.bans.size,
      totalBanned: this.bans.total,
      bannedList: this.bans.ordered().map((t) => ({ ip: t.ip, time: t.time, bantime: t.bantime, end: endOfBan(t) })),
    };
  }

  /**
   * bantime.increment's rule for addresses banned before: one failure counts as 2^bancount/2 + 1
   * (capped at maxretry), unless the failure is not newer than the last ban (already counted).
   */
  private weighKnownOffender(id: string, time: number, retry: number): number {
    const known = this.history.lookupBan(id, this.options.name, this.increment!.overall);
    if (!known || time <= known.timeOfBan) return retry;
    const weight = Math.min(2 ** Math.min(known.banCount, 20) / 2 + 1, this.options.maxretry);
    return weight > 1 ? this.failures.addWeight(id, weight - 1) : retry;
  }

  /** Turns a failure record into a ban (Fail2Ban's addBanTicket plus the observer's ban time increment). */
  private ban(record: FailRecord): BanTicket | null {
    const { name, bantime: base } = this.options;
    let bantime = base;
    let bancount = 1;
    let restored = false;
    if (this.increment && base > 0) {
      const known = this.history.lookupBan(record.id, name, this.increment.overall);
      if (known) {
        bancount = known.banCount + 1;
        if (known.banCount > 0) bantime = this.increment.calculate(base, known.banCount);
        restored = record.time <= known.timeOfBan;
      }
    }
    const ticket: BanTicket = {
      ip: record.id, family: familyOf(record.id), failures: record.failures, matches: record.matches,
      time: record.time, bantime, bancount, restored, fields: record.fields,
    };
    const end = endOfBan(ticket);
    if (end < this.now()) return null;
    const current = this.bans.get(record.id);
    if (current) {
      if (end > endOfBan(current)) {
        const longer = bantime === -1 ? -1 : bantime + Math.max(0, record.time - current.time);
        const prolonged = { ...current, bantime: longer };
        this.bans.replace(prolonged);
        this.onProlong?.(prolonged);
      }
      return null;
    }
    this.bans.add(ticket);
    if (!restored) this.history.recordBan(record.id, name, { banCount: bancount, timeOfBan: record.time, banTime: bantime });
    return ticket;
  }
}
