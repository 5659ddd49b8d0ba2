/** @module link: one server's link to the fleet — publishes its ban changes, applies its peers'. */
import type { Redis } from 'ioredis';
import { fromStreamEntry, streamIdTime, toStreamFields, type FleetEvent, type RemoteEvent } from './event.js';
import { openConnection, safeMessage } from './_redis.js';
import type { FleetSettings } from './settings.js';
import type { FleetStore } from './store.js';

/** Events per XADD pipeline and per XREAD. */
const BATCH = 500;
/** How long one XREAD waits for news, ms (also how soon a stopped reader notices). */
const BLOCK_MS = 2000;
/** Retry of a send Redis refused while connected (a full disk, a key of the wrong type), ms. */
const RESEND_DELAY = 5000;

/** Where the link reports; pino's logger fits. */
export interface FleetLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/** Options of `createFleetLink`. */
export interface FleetLinkOptions {
  readonly settings: FleetSettings;
  readonly store: FleetStore;
  /**
   * Applies peers' events, in stream order, one batch (one XREAD) at a time: the server runs its jails'
   * actions. A throw is logged; the events count as read.
   */
  readonly apply: (events: readonly RemoteEvent[]) => Promise<void>;
  readonly log: FleetLogger;
  /** Epoch milliseconds (default `Date.now`). */
  readonly now?: () => number;
}

/** What `status` shows of the link; never a secret. */
export interface FleetStatus {
  /** The Redis address with the password masked. */
  readonly url: string;
  readonly stream: string;
  readonly origin: string;
  readonly connected: boolean;
  /** Id of the last stream entry read, null before the first. */
  readonly lastId: string | null;
  /** Milliseconds from the last applied event's entry into the stream to its application here. */
  readonly lagMs: number | null;
  /** Local events waiting to be sent. */
  readonly queued: number;
  readonly published: number;
  readonly applied: number;
  /** Since when (epoch seconds) Redis has been unreachable, or null. */
  readonly downSince: number | null;
}

/** Opens the link; nothing connects until `start()`. */
export function createFleetLink(options: FleetLinkOptions): FleetLink {
  return new FleetLink(options);
}

export class FleetLink {
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly now: () => number;
  private buffer: FleetEvent[] = [];
  private flushScheduled = false;
  private draining: Promise<void> | null = null;
  private running = false;
  private readLoop: Promise<void> = Promise.resolve();
  private seen = new Map<string, number>();
  private lastId = '0';
  private downSince: number | null = null;
  private lagMs: number | null = null;
  private published = 0;
  private applied = 0;
  private invalid = 0;
  private twinWarned = false;

  constructor(private readonly options: FleetLinkOptions) {
    this.writer = openConnection(options.settings, 'publish');
    this.reader = openConnection(options.settings, 'read');
    this.now = options.now ?? Date.now;
  }

  /** Connects (in the background: an unreachable Redis is an outage, not an error) and starts reading. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.seen = new Map(this.options.store.senders());
    this.lastId = this.options.store.lastId() ?? '0';
    for (const connection of [this.writer, this.reader]) {
      connection.on('error', (error: unknown) => this.down(error));
      connection.on('close', () => this.down(new Error('connection closed')));
      connection.on('ready', () => this.up());
      if (connection === this.writer) connection.on('ready', () => this.drain());
      connection.connect().catch((error: unknown) => this.down(error));
    }
    this.readLoop = this.readForever();
  }

  /**
   * Shares a local ban change: durable in the outbox by the next tick, sent as soon as Redis takes it
   * (events published before `start()` wait in the outbox for it).
   */
  publish(event: FleetEvent): void {
    this.buffer.push(event);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushBuffer());
  }

  status(): FleetStatus {
    const { settings } = this.options;
    return {
      url: settings.display,
      stream: settings.stream,
      origin: settings.origin,
      connected: this.writer.status === 'ready' && this.reader.status === 'ready',
      lastId: this.lastId === '0' ? null : this.lastId,
      lagMs: this.lagMs,
      queued: this.queuedCount(),
      published: this.published,
      applied: this.applied,
      downSince: this.downSince === null ? null : Math.floor(this.downSince / 1000),
    };
  }

  /** Sends what it can, then closes both connections; unsent events stay in the outbox for the next start. */
  async stop(): Promise<void> {
    this.flushBuffer();
    if (!this.running) return;
    await this.draining;
    this.running = false;
    this.reader.disconnect();
    await this.writer.quit().catch(() => this.writer.disconnect());
    await this.readLoop;
  }

  private flushBuffer(): void {
    this.flushScheduled = false;
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    this.buffer = [];
    try {
      this.options.store.enqueue(events);
    } catch (error) {
      this.options.log.warn(`fleet: cannot queue ${events.length} event(s): ${(error as Error).message}`);
      return;
    }
    this.drain();
  }

  /** Sends the outbox in batches while the writer is connected; one drain at a time. */
  private drain(): void {
    if (this.draining || !this.running) return;
    this.draining = this.sendQueued().finally(() => (this.draining = null));
  }

  private async sendQueued(): Promise<void> {
    const { store, settings } = this.options;
    try {
      while (this.writer.status === 'ready') {
        const batch = store.pending(BATCH);
        if (batch.length === 0) return;
        const pipeline = this.writer.pipeline();
        for (const event of batch) {
          pipeline.xadd(settings.stream, 'MAXLEN', '~', String(settings.maxlen), '*', ...toStreamFields(event, settings.origin, store.instance));
        }
        const results = await pipeline.exec();
        const failed = results === null ? new Error('pipeline aborted') : results.find(([error]) => error)?.[0];
        if (failed) throw failed;
        store.sent(batch[batch.length - 1]!.seq);
        this.published += batch.length;
        if (this.downSince !== null) this.up();
      }
    } catch (error) {
      this.down(error);
      // Connected but refused: try again later rather than at the next reconnection only.
      if (this.writer.status === 'ready') setTimeout(() => this.drain(), RESEND_DELAY).unref();
    }
  }

  private async readForever(): Promise<void> {
    const { settings } = this.options;
    while (this.running) {
      if (this.reader.status !== 'ready') {
        await pause(100);
        continue;
      }
      let reply: [string, [string, string[]][]][] | null;
      try {
        reply = await this.reader.xread('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', settings.stream, this.lastId);
      } catch (error) {
        if (this.running) this.down(error);
        await pause(100);
        continue;
      }
      if (reply?.[0]) await this.applyEntries(reply[0][1]);
    }
  }

  /** Applies entries in stream order, skipping its own and those already applied; then saves the position. */
  private async applyEntries(entries: readonly [string, string[]][]): Promise<void> {
    const { store, settings, log } = this.options;
    const changed = new Map<string, number>();
    const fresh: RemoteEvent[] = [];
    for (const [id, fields] of entries) {
      this.lastId = id;
      const event = fromStreamEntry(id, fields);
      if ('invalid' in event) {
        if (this.invalid++ === 0) log.warn(`fleet: skipping stream entry ${id}: ${event.invalid} (further ones are logged at debug level)`);
        else log.debug(`fleet: skipping stream entry ${id}: ${event.invalid}`);
        continue;
      }
      if (event.origin === settings.origin) {
        this.warnTwin(event);
        continue;
      }
      // A send retried after a lost reply puts an event on the stream twice; seq numbers tell.
      if (event.seq <= (this.seen.get(event.sender) ?? 0)) continue;
      this.seen.set(event.sender, event.seq);
      changed.set(event.sender, event.seq);
      fresh.push(event);
    }
    if (fresh.length > 0) await this.applyBatch(fresh);
    try {
      store.advance(this.lastId, changed);
    } catch (error) {
      log.warn(`fleet: cannot save the read position ${this.lastId}: ${(error as Error).message}`);
    }
  }

  private async applyBatch(events: readonly RemoteEvent[]): Promise<void> {
    try {
      await this.options.apply(events);
    } catch (error) {
      this.options.log.warn(`fleet: cannot apply ${events.length} event(s) from peers: ${(error as Error).message}`);
    }
    this.applied += events.length;
    this.lagMs = Math.max(0, this.now() - streamIdTime(events[events.length - 1]!.id));
  }

  /** Another server with the same origin would never see this one's bans: say so once. */
  private warnTwin(event: RemoteEvent): void {
    if (this.twinWarned || event.sender === `${this.options.settings.origin}/${this.options.store.instance}`) return;
    this.twinWarned = true;
    this.options.log.warn(`fleet: another server publishes as origin '${event.origin}'; give each server its own origin in [Fleet]`);
  }

  /** One warning per outage, however many connections and attempts fail. */
  private down(error: unknown): void {
    if (!this.running || this.downSince !== null) return;
    this.downSince = this.now();
    const queued = this.queuedCount();
    this.options.log.warn(`fleet: Redis ${this.options.settings.display} unreachable (${safeMessage(error, this.options.settings)}); bans go on locally, events queue in the database (${queued} now)`);
  }

  /** Events not sent yet; a database that cannot answer must not break an event handler. */
  private queuedCount(): number {
    try {
      return this.options.store.queued() + this.buffer.length;
    } catch {
      return this.buffer.length;
    }
  }

  private up(): void {
    if (this.writer.status !== 'ready' || this.reader.status !== 'ready') return;
    if (this.downSince !== null) {
      const seconds = Math.round((this.now() - this.downSince) / 1000);
      this.downSince = null;
      this.options.log.info(`fleet: Redis ${this.options.settings.display} back after ${seconds}s; sending ${this.queuedCount()} queued event(s)`);
    } else {
      this.options.log.info(`fleet: connected to Redis ${this.options.settings.display}, stream '${this.options.settings.stream}'`);
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
