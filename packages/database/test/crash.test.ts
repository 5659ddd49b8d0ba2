/** @module crash: SIGKILL never loses a ban reported durable. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@f2b/database';
import { makeTempDir } from './helpers.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/crash-child.mjs', import.meta.url));
const RUNS = 20;

/** The child runs the built package (plain Node cannot load TypeScript), so bring dist up to date first. */
function buildPackage(): void {
  let dir = PACKAGE_DIR;
  while (!existsSync(join(dir, 'node_modules', '.bin', 'tsc'))) {
    if (dirname(dir) === dir) throw new Error('tsc not found in any node_modules/.bin above the package');
    dir = dirname(dir);
  }
  execFileSync(join(dir, 'node_modules', '.bin', 'tsc'), ['-b'], { cwd: PACKAGE_DIR, stdio: 'pipe' });
}

interface CrashRun {
  /** Indices the child reported committed before it was killed. */
  reported: number[];
  signal: NodeJS.Signals | null;
}

/** Starts a child, waits for its first commit, then SIGKILLs it after a random 0–150 ms. */
function crashChild(file: string, run: number, synchronous: 'full' | 'normal'): Promise<CrashRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, file, String(run), synchronous], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: number[] = [];
    let buffered = '';
    let stderr = '';
    let armed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [, first, last] = line.split(' ').map(Number);
        for (let i = first!; i <= last!; i++) reported.push(i);
      }
      if (!armed && reported.length > 0) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 150);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code}: ${stderr.trim()}`));
      else resolve({ reported, signal });
    });
  });
}

describe('a process killed with SIGKILL while recording bans', () => {
  beforeAll(buildPackage, 60_000);

  it(`loses no ban it reported durable, in ${RUNS} kills, and the file stays clean`, async () => {
    const file = join(makeTempDir(), 'crash.sqlite3');
    let total = 0;
    for (let run = 0; run < RUNS; run++) {
      // Odd runs use synchronous=NORMAL: with WAL it must survive a process crash as well.
      const { reported, signal } = await crashChild(file, run, run % 2 === 0 ? 'full' : 'normal');
      expect(signal).toBe('SIGKILL');
      expect(reported.length).toBeGreaterThan(0);
      const db = openDatabase({ file, onCorrupt: 'refuse' });
      const stored = new Set(db.currentBans({ jail: `run${run}`, now: 0 }).map((b) => b.time - 1_000));
      const missing = reported.filter((i) => !stored.has(i));
      expect(missing, `run ${run}: reported durable but missing`).toEqual([]);
      // The position is saved with the batch; it is at least as far as the last reported ban.
      expect(db.getLogPosition(`run${run}`, '/var/log/auth.log')?.pos).toBeGreaterThan(reported[reported.length - 1]!);
      db.close();
      total += reported.length;
    }
    const raw = new Sqlite(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    expect(total).toBeGreaterThan(RUNS);
  }, 60_000);
});
