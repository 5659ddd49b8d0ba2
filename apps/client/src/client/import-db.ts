/** @module import-db: `f2b-client import-fail2ban-db FILE` — bring a Fail2Ban database's bans and ban counts across. */
import { readServerConfig } from '@f2b/config-reader';
import { importFail2banDb, openDatabase } from '@f2b/database';
import { UsageError } from '../errors.js';
import type { ClientContext } from './context.js';

/** Imports `words[1]` (a Fail2Ban sqlite3 file) into the database named by the config's `dbfile`. */
export function importFail2banDatabase(words: readonly string[], ctx: ClientContext): number {
  if (words.length !== 2) throw new UsageError('usage: import-fail2ban-db FILE (e.g. /var/lib/fail2ban/fail2ban.sqlite3)');
  const source = words[1]!;
  const server = readServerConfig(ctx.confDir);
  if (!server.dbfile || server.dbfile === ':memory:') {
    throw new UsageError(`${ctx.confDir}/fail2ban.conf: dbfile is '${server.dbfile ?? 'None'}'; set a file to import into`);
  }
  const target = openDatabase({ file: server.dbfile, purgeAge: server.dbpurgeage, maxMatches: server.dbmaxmatches, onCorrupt: 'refuse' });
  try {
    const result = importFail2banDb(source, target);
    ctx.stdout(
      ctx.json
        ? JSON.stringify(result)
        : `Imported from ${source} into ${server.dbfile}: ${result.bans} bans, ${result.banCounts} ban counts, ${result.jails} jails, ${result.logs} log positions` +
            (result.skipped ? ` (${result.skipped} skipped)` : '') +
            '\nRestart f2b-server (or reload) so it restores the imported bans.',
    );
    return 0;
  } finally {
    target.close();
  }
}
