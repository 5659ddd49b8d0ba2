/** @module fleet: the server's side of the fleet link — which jails share, and peers' bans into local jails. */
import type { FleetSection, JailSpec } from '@f2b/config-reader';
import { createFleetStore, type BanDatabase } from '@f2b/database';
import {
  createFleetLink,
  createMemoryFleetStore,
  FleetConfigError,
  parseFleetSettings,
  selects,
  type FleetLink,
  type FleetSettings,
  type FleetStatus,
  type RemoteEvent,
} from '@f2b/fleet';
import type { Logger } from 'pino';
import type { JailRuntime, SharedChange } from './jail-runtime.js';

/** What the fleet borrows from the server. */
export interface ServerFleetDeps {
  readonly db: BanDatabase;
  readonly log: Logger<'notice'>;
  readonly jail: (name: string) => JailRuntime | undefined;
}

/** The running link and the rules of `[Fleet]` and the jails' `fleet` option. */
export class ServerFleet {
  private constructor(
    private readonly settings: FleetSettings,
    private readonly link: FleetLink,
    private readonly deps: ServerFleetDeps,
  ) {}

  /** Builds the link from `[Fleet]`; null (after one clear log line) when there is none or it is unusable. */
  static open(section: FleetSection | null, deps: ServerFleetDeps): ServerFleet | null {
    if (!section) return null;
    const where = `${section.source.file} [Fleet]`;
    let settings: FleetSettings;
    try {
      const parsed = parseFleetSettings(section.options, where);
      for (const warning of parsed.warnings) deps.log.warn(warning);
      settings = parsed.settings;
    } catch (error) {
      if (!(error instanceof FleetConfigError)) throw error;
      deps.log.error(`${error.message}; running without the fleet`);
      return null;
    }
    const store = createFleetStore(deps.db) ?? createMemoryFleetStore();
    if (!deps.db.persistent) deps.log.warn('fleet: no database, so events queued while Redis is away and the read position are lost on restart');
    let fleet: ServerFleet | null = null;
    const link = createFleetLink({ settings, store, log: deps.log, apply: (event) => fleet!.apply(event) });
    fleet = new ServerFleet(settings, link, deps);
    return fleet;
  }

  start(): void {
    this.link.start();
  }

  stop(): Promise<void> {
    return this.link.stop();
  }

  status(): FleetStatus {
    return this.link.status();
  }

  /** A local ban or manual unban: published when `publish` and the jail's `fleet` option allow. */
  share(jail: string, spec: JailSpec, change: SharedChange): void {
    const { ticket } = change;
    // Peers take addresses only (a filter's id can be a user name or other text).
    if (ticket.family === null || !selects(this.settings.publish, jail) || !jailTakesPart(spec)) return;
    this.link.publish({
      kind: change.kind,
      jail,
      ip: ticket.ip,
      time: ticket.time,
      bantime: change.kind === 'ban' ? ticket.bantime : 0,
      bancount: ticket.bancount,
    });
  }

  /** Peers' events into the jails of the same name, when `accept` and the jail's `fleet` option allow; jails side by side. */
  private async apply(events: readonly RemoteEvent[]): Promise<void> {
    const byJail = new Map<string, RemoteEvent[]>();
    for (const event of events) {
      const list = byJail.get(event.jail);
      if (list) list.push(event);
      else byJail.set(event.jail, [event]);
    }
    const work: Promise<void>[] = [];
    for (const [name, list] of byJail) {
      const runtime = this.deps.jail(name);
      if (runtime && selects(this.settings.accept, name) && jailTakesPart(runtime.spec)) work.push(runtime.acceptPeerChanges(list));
      else this.deps.log.debug(`fleet: ${list.length} event(s) for jail '${name}' not applied: no accepting jail of that name here`);
    }
    await Promise.all(work);
  }
}

/** A jail leaves the fleet with `fleet = false` in its section. */
function jailTakesPart(spec: JailSpec): boolean {
  const value = spec.options['fleet'];
  return value === undefined || !/^(0|no|false|off)$/i.test(value.trim());
}
