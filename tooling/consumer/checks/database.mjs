// @f2b/database: bans survive closing and reopening the file (better-sqlite3 built by npm install).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@f2b/database';

const dir = mkdtempSync(join(tmpdir(), 'f2b-consumer-db-'));
try {
  const file = join(dir, 'f2b.sqlite3');
  let db = openDatabase({ file, purgeAge: 86_400, maxMatches: 10 });
  db.addJail('sshd');
  await db.recordBan({ jail: 'sshd', ip: '192.0.2.7', time: 1_700_000_000, bantime: 600, bancount: 1, data: { failures: 5, matches: [] } });
  db.close();
  db = openDatabase({ file });
  assert.equal(db.persistent, true);
  assert.deepEqual(db.currentBans({ jail: 'sshd', now: 1_700_000_100 }).map((b) => b.ip), ['192.0.2.7']);
  assert.equal(db.banCount('192.0.2.7', { overall: true })?.bancount, 1);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
