/** @module bench-database: bans recorded per second and restore time for 100,000 bans, against raw better-sqlite3. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Sqlite from 'better-sqlite3';
import { bestOf, rate, report } from '@f2b/bench';
import { openDatabase } from '../dist/index.js';

const BANS = 100_000;
const NOW = 1_700_000_000;
const dir = mkdtempSync(join(tmpdir(), 'f2b-db-bench-'));
let counter = 0;

function makeBans(count) {
  const run = counter++;
  return Array.from({ length: count }, (_, i) => ({
    jail: `jail${i % 4}`,
    ip: `10.${run & 255}.${(i >> 8) & 255}.${i & 255}${i >> 16 ? `-${i >> 16}` : ''}`,
    time: NOW - (i % 3_600),
    bantime: i % 10 === 0 ? -1 : 86_400,
    bancount: 1 + (i % 5),
    data: { matches: [`Failed password for root from 10.0.${i & 255}.1 port 22 ssh2`], failures: 5 },
  }));
}

/** The floor: the same rows inserted by hand into one table in one transaction. */
function rawInsert(file, bans) {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS b(jail TEXT, ip TEXT, time REAL, bantime INTEGER, bancount INTEGER, data TEXT)');
  const insert = db.prepare('INSERT INTO b VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const b of bans) insert.run(b.jail, b.ip, b.time, b.bantime, b.bancount, JSON.stringify(b.data));
  })();
  db.close();
}

async function recordQueued(file, bans, synchronous, perTick) {
  const db = openDatabase({ file, onCorrupt: 'refuse', synchronous });
  for (let i = 0; i < bans.length; i += perTick) {
    await Promise.all(bans.slice(i, i + perTick).map((b) => db.recordBan(b)));
  }
  db.close();
}

const fresh = (name) => join(dir, `${name}-${counter}.sqlite3`);
const rounds = 3;
const rawMs = await bestOf(() => rawInsert(fresh('raw'), makeBans(BANS)), rounds);
const batchMs = await bestOf(() => {
  const db = openDatabase({ file: fresh('batch'), onCorrupt: 'refuse' });
  const bans = makeBans(BANS);
  for (let i = 0; i < bans.length; i += 1_000) db.recordBans(bans.slice(i, i + 1_000));
  db.close();
}, rounds);
const queued100Ms = await bestOf(() => recordQueued(fresh('q100'), makeBans(BANS), 'full', 100), rounds);
const queued10Ms = await bestOf(() => recordQueued(fresh('q10'), makeBans(20_000), 'full', 10), 1);
const queued10NormalMs = await bestOf(() => recordQueued(fresh('q10n'), makeBans(20_000), 'normal', 10), 1);

report('recording bans (synchronous=FULL unless noted; includes open and close)', {
  'raw better-sqlite3, 1 transaction (baseline)': rate(BANS, rawMs),
  'recordBans, 1,000 per transaction': `${rate(BANS, batchMs)} (${(batchMs / rawMs).toFixed(2)}x baseline time)`,
  'recordBan queue, 100 per tick': `${rate(BANS, queued100Ms)} (${(queued100Ms / rawMs).toFixed(2)}x)`,
  'recordBan queue, 10 per tick': rate(20_000, queued10Ms),
  'recordBan queue, 10 per tick, NORMAL': rate(20_000, queued10NormalMs),
});

// Restore: a file holding 100,000 bans in force, reopened cold (open + quick_check + migrations) and read.
const restoreFile = fresh('restore');
{
  const db = openDatabase({ file: restoreFile, onCorrupt: 'refuse' });
  db.recordBans(makeBans(BANS));
  db.close();
}
let restored = 0;
let openMs = Infinity;
let readMs = Infinity;
for (let round = 0; round < rounds + 1; round++) {
  const t0 = performance.now();
  const db = openDatabase({ file: restoreFile, onCorrupt: 'refuse' });
  const t1 = performance.now();
  restored = db.currentBans({ now: NOW }).length;
  const t2 = performance.now();
  db.close();
  openMs = Math.min(openMs, t1 - t0);
  readMs = Math.min(readMs, t2 - t1);
}
const rawReadMs = await bestOf(() => {
  const db = new Sqlite(restoreFile, { readonly: true });
  const rows = db.prepare('SELECT jail, ip, time, bantime, bancount, data FROM current_bans').all();
  for (const row of rows) row.data = JSON.parse(row.data);
  db.close();
}, rounds);
report(`restoring ${restored.toLocaleString('en-US')} bans in force`, {
  'raw SELECT + JSON.parse (baseline)': `${rawReadMs.toFixed(0)} ms`,
  'openDatabase (incl. quick_check)': `${openMs.toFixed(0)} ms`,
  currentBans: `${readMs.toFixed(0)} ms (${(readMs / rawReadMs).toFixed(2)}x baseline)`,
  'total restore (target < 2,000 ms)': `${(openMs + readMs).toFixed(0)} ms`,
});
rmSync(dir, { recursive: true, force: true });
