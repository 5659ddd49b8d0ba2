/** @module bench/fleet: one link to another through a real redis-server — latency and events/s, against raw ioredis streams. */
/*
 * Baseline, measured in the same run on the same Redis: a bare ioredis XADD on one connection and a blocking
 * XREAD loop on another (what any stream consumer costs). The fleet adds event encoding and checks, the
 * outbox, the read position and de-duplication. Stores are in memory here; apps/server's bench/fleet.mjs
 * measures whole servers with their SQLite databases and actions.
 *
 * Usage: node bench/fleet.mjs [LATENCY_SAMPLES] [THROUGHPUT_EVENTS]   (default 500 and 20,000)
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { percentile, rate, report, startBenchRedis } from '@f2b/bench';
import { createFleetLink, createMemoryFleetStore, parseFleetSettings } from '../dist/index.js';

const SAMPLES = Number(process.argv[2] ?? 500);
const EVENTS = Number(process.argv[3] ?? 20_000);
const redis = await startBenchRedis();
const quiet = { debug() {}, info() {}, warn: (m) => console.error(m) };
const ipOf = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const event = (i) => ({ kind: 'ban', jail: 'sshd', ip: ipOf(i), time: Date.now() / 1000, bantime: 3600, bancount: 1 });

/** Raw streams: XADD on one connection, a blocking XREAD loop on another. */
async function rawStreams(stream) {
  const writer = new Redis({ port: redis.port, password: redis.password });
  const reader = new Redis({ port: redis.port, password: redis.password });
  let onEntry = () => {};
  let running = true;
  let last = '$';
  const loop = (async () => {
    while (running) {
      const reply = await reader.xread('COUNT', 500, 'BLOCK', 200, 'STREAMS', stream, last).catch(() => null);
      for (const [id, fields] of reply?.[0]?.[1] ?? []) {
        last = id;
        onEntry(fields);
      }
    }
  })();
  await new Promise((r) => setTimeout(r, 50));
  return {
    send: (i) => writer.xadd(stream, 'MAXLEN', '~', '100000', '*', 'ip', ipOf(i)),
    sendMany: (from, count) => {
      const p = writer.pipeline();
      for (let i = from; i < from + count; i++) p.xadd(stream, 'MAXLEN', '~', '100000', '*', 'ip', ipOf(i));
      return p.exec();
    },
    set onEntry(fn) {
      onEntry = fn;
    },
    async close() {
      running = false;
      await loop;
      writer.disconnect();
      reader.disconnect();
    },
  };
}

/** Two fleet links on one stream: `send` publishes on a, `onEntry` is b's apply. */
async function fleetLinks(stream) {
  let onEntry = () => {};
  const make = (origin, apply) => {
    const { settings } = parseFleetSettings({ url: redis.url, stream, origin }, 'bench');
    const link = createFleetLink({ settings, store: createMemoryFleetStore(), log: quiet, apply });
    link.start();
    return link;
  };
  const a = make('a', async () => {});
  const b = make('b', async (events) => {
    for (const e of events) onEntry(e);
  });
  while (!a.status().connected || !b.status().connected) await new Promise((r) => setTimeout(r, 10));
  return {
    send: (i) => a.publish(event(i)),
    sendMany: (from, count) => {
      for (let i = from; i < from + count; i++) a.publish(event(i));
    },
    set onEntry(fn) {
      onEntry = fn;
    },
    close: async () => {
      await a.stop();
      await b.stop();
    },
  };
}

/** One event at a time, each waiting for the reader: ms from send to the reader's hand. */
async function latency(pair) {
  const times = [];
  for (let i = 0; i < SAMPLES; i++) {
    const got = new Promise((resolve) => (pair.onEntry = resolve));
    const t0 = performance.now();
    pair.send(i);
    await got;
    times.push(performance.now() - t0);
  }
  return times;
}

/** EVENTS sent as fast as the sender takes them; ms until the reader has the last. */
async function throughput(pair) {
  let seen = 0;
  const all = new Promise((resolve) => (pair.onEntry = () => ++seen === EVENTS && resolve()));
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i += 500) await pair.sendMany(i, Math.min(500, EVENTS - i));
  await all;
  return performance.now() - t0;
}

const ms = (v) => `${v.toFixed(2)} ms`;
try {
  const raw = await rawStreams('raw-latency');
  const rawTimes = await latency(raw);
  await raw.close();
  const fleet = await fleetLinks('fleet-latency');
  const fleetTimes = await latency(fleet);
  await fleet.close();

  const rawBulk = await rawStreams('raw-bulk');
  const rawMs = await throughput(rawBulk);
  await rawBulk.close();
  const fleetBulk = await fleetLinks('fleet-bulk');
  const fleetMs = await throughput(fleetBulk);
  await fleetBulk.close();

  report(`propagation, one event at a time (${SAMPLES} samples, loopback redis-server)`, {
    'raw XADD → XREAD p50': ms(percentile(rawTimes, 50)),
    'raw XADD → XREAD p99': ms(percentile(rawTimes, 99)),
    'fleet publish → apply p50': ms(percentile(fleetTimes, 50)),
    'fleet publish → apply p99': ms(percentile(fleetTimes, 99)),
    'fleet / raw (p50)': `${(percentile(fleetTimes, 50) / percentile(rawTimes, 50)).toFixed(2)}x`,
  });
  report(`throughput, ${EVENTS.toLocaleString('en-US')} events sent at once`, {
    'raw pipelined XADD → XREAD': rate(EVENTS, rawMs),
    'fleet publish → apply': rate(EVENTS, fleetMs),
    'fleet / raw': `${(rawMs / fleetMs).toFixed(2)}x`,
  });
} finally {
  await redis.stop();
}
