/** @module bench/jail: bytes per tracked address and failures recorded per second, against a bare Map baseline. */
import { bestOf, report, rate } from '@f2b/bench';
import { createJail, createGuard } from '../dist/index.js';

const ADDRESSES = 1_000_000;
const FAILURES = 1_000_000;
const NOW = 1_700_000_000;

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc (pnpm bench does)');
  process.exit(2);
}

/** Distinct IPv4 addresses in 10.0.0.0/8 and beyond. */
function makeAddresses(count) {
  const list = new Array(count);
  for (let i = 0; i < count; i++) list[i] = `${10 + (i >>> 24)}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
  return list;
}

function heapAfterGc() {
  globalThis.gc();
  globalThis.gc();
  // Typed arrays live outside the V8 heap: count their backing stores too.
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** Heap bytes per address held by `fill(addresses)`'s result, the address strings included. */
function bytesPerAddress(fill) {
  const before = heapAfterGc();
  const keep = fill(makeAddresses(ADDRESSES));
  const after = heapAfterGc();
  if (!keep) throw new Error('nothing kept');
  return (after - before) / ADDRESSES;
}

const jailFor = () => createJail({ maxretry: 1_000_000, findtime: 86_400, bantime: 600, now: () => NOW });

const memory = {
  'baseline Map<string, number>': bytesPerAddress((ips) => {
    const map = new Map();
    for (const ip of ips) map.set(ip, 1);
    return map;
  }),
  'jail, no matched lines': bytesPerAddress((ips) => {
    const jail = jailFor();
    for (const ip of ips) jail.addFailure({ id: ip, time: NOW });
    return jail;
  }),
  'jail, one 60-char matched line each': bytesPerAddress((ips) => {
    const jail = jailFor();
    for (const ip of ips) jail.addFailure({ id: ip, time: NOW, matches: [`Failed password for root from ${ip} port 22 ssh2`.padEnd(60, '.')] });
    return jail;
  }),
  'guard (1 attempt each)': bytesPerAddress((ips) => {
    const guard = createGuard({ maxTracked: ADDRESSES, now: () => NOW });
    for (const ip of ips) guard(ip);
    return guard;
  }),
};
const baseline = memory['baseline Map<string, number>'];
report(
  `Memory: heap + external bytes per tracked address (${ADDRESSES.toLocaleString('en-US')} distinct IPv4, strings included; target ≤ 300)`,
  Object.fromEntries(Object.entries(memory).map(([name, bytes]) => [name, `${bytes.toFixed(1)} B  (${(bytes / baseline).toFixed(2)}× baseline)`])),
);

const ids = makeAddresses(100_000);
const distinct = makeAddresses(FAILURES);
const speed = {};
let sink = 0;
speed['baseline Map counter, 100k ids'] = await bestOf(() => {
  const map = new Map();
  for (let i = 0; i < FAILURES; i++) {
    const ip = ids[i % ids.length];
    map.set(ip, (map.get(ip) ?? 0) + 1);
  }
  sink += map.size;
});
speed['jail, 100k ids, no bans'] = await bestOf(() => {
  const jail = jailFor();
  for (let i = 0; i < FAILURES; i++) jail.addFailure({ id: ids[i % ids.length], time: NOW });
  sink += jail.status().currentlyFailed;
});
speed['jail, 1M new ids'] = await bestOf(() => {
  const jail = jailFor();
  for (let i = 0; i < FAILURES; i++) jail.addFailure({ id: distinct[i], time: NOW });
  sink += jail.status().currentlyFailed;
});
speed['jail, 100k ids, maxretry 5 (bans)'] = await bestOf(() => {
  const jail = createJail({ maxretry: 5, findtime: 600, bantime: 600, now: () => NOW });
  for (let i = 0; i < FAILURES; i++) jail.addFailure({ id: ids[i % ids.length], time: NOW, matches: ['line'] });
  sink += jail.status().totalBanned;
});
speed['jail.processFailure, ignoreip + ignoreself'] = await bestOf(async () => {
  const jail = createJail({ maxretry: 1_000_000, findtime: 86_400, now: () => NOW, ignoreip: ['127.0.0.1/8', '192.168.0.0/16', '2001:db8::/32'] });
  for (let i = 0; i < FAILURES; i++) await jail.processFailure({ id: ids[i % ids.length], time: NOW });
  sink += jail.status().currentlyFailed;
});
speed['guard, 100k ids'] = await bestOf(() => {
  const guard = createGuard({ maxAttempts: 5, window: 60, now: () => NOW });
  for (let i = 0; i < FAILURES; i++) sink += guard(ids[i % ids.length]) ? 1 : 0;
});
const base = speed['baseline Map counter, 100k ids'];
report(
  `Throughput: ${FAILURES.toLocaleString('en-US')} failures, best of 3 (target ≥ 1,000,000/s)`,
  Object.fromEntries(Object.entries(speed).map(([name, ms]) => [name, `${rate(FAILURES, ms)}  (${(ms / base).toFixed(2)}× baseline time)`])),
);
if (sink < 0) console.log(sink);
