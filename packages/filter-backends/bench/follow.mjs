/** @module bench/follow: append-to-delivery latency (auto, polling) and cold-read speed of a 1 GB log against `wc -l`. */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bestOf, percentile, rate, report } from '@f2b/bench';
import { createBackend, createPollingBackend, readLogBatches, readLogLines } from '../dist/index.js';

const SAMPLES = Number(process.env.F2B_BENCH_SAMPLES ?? 300);
const SIZE = Number(process.env.F2B_BENCH_BYTES ?? 1024 ** 3);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Appends one stamped line at a time (in this process: the reader competes with the writer for the thread, as in a busy server), at irregular gaps, and measures how long until the backend hands it over. */
async function measureLatency(dir, label, makeBackend, samples = SAMPLES, spread = 10) {
  const file = join(dir, `${label}.log`);
  appendFileSync(file, 'start\n');
  const latencies = [];
  let waiting;
  const backend = makeBackend(file, (lines) => {
    const arrived = now();
    for (const { line } of lines) {
      const sent = Number(line.split(' ')[1]);
      if (Number.isFinite(sent)) latencies.push(arrived - sent);
    }
    waiting?.();
  });
  await backend.start();
  for (let i = 0; i < samples; i++) {
    const delivered = new Promise((resolve) => (waiting = resolve));
    appendFileSync(file, `stamp ${now()} sshd[42]: Failed password for root from 192.0.2.${i % 250} port 22\n`);
    await delivered;
    // Irregular gaps spread over the poll interval, so appends land at every phase of the timer.
    await sleep(2 + ((i * 37) % 100) / 100 * spread);
  }
  await backend.stop();
  return latencies;
}

/** Writes about `SIZE` bytes of sshd-like lines (a 4 MiB block written repeatedly: content does not change the speed). */
function writeBigLog(file) {
  let block = '';
  for (let i = 0; block.length < 4 * 1024 * 1024; i++) {
    block += `Nov 21 22:${String(i % 60).padStart(2, '0')}:07 web1 sshd[${1000 + (i % 9000)}]: Failed password for invalid user u${i % 977} from 198.51.100.${i % 250} port ${1024 + (i % 60000)} ssh2\n`;
  }
  const fd = openSync(file, 'w');
  const buffer = Buffer.from(block);
  for (let written = 0; written < SIZE; written += buffer.length) writeSync(fd, buffer);
  closeSync(fd);
}

const dir = mkdtempSync(join(tmpdir(), 'f2b-bench-backends-'));
try {
  const auto = await measureLatency(dir, 'auto', (file, onLines) => createBackend('auto', { logpaths: [file], onLines }));
  // At the default 1 s interval each sample waits up to a second: fewer samples keep the bench short.
  const pollingSamples = Math.max(10, Math.round(SAMPLES / 10));
  const polling = await measureLatency(dir, 'polling', (file, onLines) => createPollingBackend({ logpaths: [file], onLines }), pollingSamples, 1000);
  const polling100 = await measureLatency(dir, 'polling100', (file, onLines) => createPollingBackend({ logpaths: [file], onLines, interval: 100 }), Math.max(10, Math.round(SAMPLES / 3)), 100);
  const ms = (v) => `${v.toFixed(2)} ms`;
  report(`append → delivery latency (${SAMPLES} lines for auto, fewer for polling)`, {
    'auto (pyinotify) p50': ms(percentile(auto, 50)),
    'auto (pyinotify) p99': ms(percentile(auto, 99)),
    'polling (interval 1000 ms) p50': ms(percentile(polling, 50)),
    'polling (interval 1000 ms) p99': ms(percentile(polling, 99)),
    'polling (interval 100 ms) p50': ms(percentile(polling100, 50)),
    'polling (interval 100 ms) p99': ms(percentile(polling100, 99)),
  });

  const big = join(dir, 'big.log');
  writeBigLog(big);
  const lineCount = Number(execFileSync('wc', ['-l', big]).toString().trim().split(/\s+/)[0]);
  const wc = await bestOf(async () => execFileSync('wc', ['-l', big]), 3);
  const batches = await bestOf(async () => {
    let n = 0;
    for await (const batch of readLogBatches(big)) n += batch.length;
    if (n !== lineCount) throw new Error(`readLogBatches counted ${n}, wc -l ${lineCount}`);
  }, 3);
  const shared = await bestOf(async () => {
    let n = 0;
    for await (const batch of readLogBatches(big, { shareChunk: true })) n += batch.length;
    if (n !== lineCount) throw new Error(`readLogBatches counted ${n}, wc -l ${lineCount}`);
  }, 3);
  const lines = await bestOf(async () => {
    let n = 0;
    for await (const _ of readLogLines(big)) n++;
    if (n !== lineCount) throw new Error(`readLogLines counted ${n}, wc -l ${lineCount}`);
  }, 3);
  const follow = await bestOf(async () => {
    let n = 0;
    const backend = createPollingBackend({ logpaths: [big], interval: 3_600_000, onLines: (batch) => (n += batch.length) });
    await backend.start();
    await backend.stop();
    if (n !== lineCount) throw new Error(`polling backend delivered ${n}, wc -l ${lineCount}`);
  }, 3);
  const ratio = (t) => `${(t / wc).toFixed(2)}× wc -l`;
  report(`cold read of ${(SIZE / 1024 ** 3).toFixed(2)} GiB, ${lineCount.toLocaleString('en-US')} lines (page cache warm; best of 3)`, {
    'wc -l (baseline)': `${wc.toFixed(0)} ms, ${rate(lineCount, wc)}`,
    readLogBatches: `${batches.toFixed(0)} ms, ${rate(lineCount, batches)}, ${ratio(batches)}`,
    'readLogBatches shareChunk': `${shared.toFixed(0)} ms, ${rate(lineCount, shared)}, ${ratio(shared)}`,
    readLogLines: `${lines.toFixed(0)} ms, ${rate(lineCount, lines)}, ${ratio(lines)}`,
    'polling backend from head': `${follow.toFixed(0)} ms, ${rate(lineCount, follow)}, ${ratio(follow)}`,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
