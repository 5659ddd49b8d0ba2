/** @module helpers: temp directories and ban records for the database tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { BanRecord } from '@f2b/database';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory removed after the test. */
export function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'f2b-db-'));
  dirs.push(dir);
  return dir;
}

export function ban(ip: string, fields: Partial<BanRecord> = {}): BanRecord {
  return { jail: 'sshd', ip, time: 1_000, bantime: 600, bancount: 1, data: {}, ...fields };
}
