/** @module server-settings: `set OPTION VALUE` / `get OPTION` for the server itself (logging, database). */
import { dirname } from 'node:path';
import type { CommandOf, ServerOption } from '@f2b/transmitter';
import { ServerError, type F2bServer } from './server.js';
import { pinoLevel } from './logger.js';
import { ensurePrivateDir } from './_private-dir.js';

type ServerSet = CommandOf<'server-set'>;

/** The current value of a server setting, as `get OPTION` reports it. */
export function getServerValue(s: F2bServer, option: ServerOption): unknown {
  switch (option) {
    case 'loglevel':
      return s.loglevel;
    case 'logtarget':
      return s.log.target;
    case 'syslogsocket':
      return s.config.server.syslogsocket;
    case 'dbfile':
      return s.db.file;
    case 'dbmaxmatches':
      return s.db.maxMatches;
    case 'dbpurgeage':
      return s.db.purgeAge;
  }
}

/** Changes a server setting at run time, as Fail2Ban does; returns what Fail2Ban replies (the new value). */
export async function setServerValue(s: F2bServer, c: ServerSet): Promise<unknown> {
  switch (c.option) {
    case 'loglevel':
      s.log.logger.level = pinoLevel(c.value);
      s.loglevel = c.value;
      return c.value;
    case 'logtarget':
      return s.log.setTarget(c.value);
    case 'dbmaxmatches':
      checkValue(c.option, () => s.db.setMaxMatches(c.value));
      return s.db.maxMatches;
    case 'dbpurgeage':
      checkValue(c.option, () => s.db.setPurgeAge(c.value));
      return s.db.purgeAge;
    case 'dbfile':
      return replaceDatabase(s, c.value);
    case 'syslogsocket':
      throw new ServerError('E_UNSUPPORTED', `set syslogsocket: changing it needs a restart of f2b-server (edit fail2ban.local)`);
  }
}

/**
 * Closes the database and opens `file` (null: no persistence) with the same purge age and max matches.
 * Like Fail2Ban, refused while jails run: they hold bans and log positions in the current one.
 */
async function replaceDatabase(s: F2bServer, file: string | null): Promise<string | null> {
  if (file === s.db.file) return file;
  if (s.jails.size > 0 || s.startingJails > 0) {
    throw new ServerError('E_DB_BUSY', `set dbfile: cannot change the database while jails are running (stop them first: ${[...s.jails.keys()].sort().join(', ')})`);
  }
  if (file !== null && file !== ':memory:') ensurePrivateDir(dirname(file));
  // Open the new one first: a file that cannot be used is an error reply and the current database stays.
  const next = s.openBanDatabase(file, { purgeAge: s.db.purgeAge, maxMatches: s.db.maxMatches, refuse: true });
  const old = s.db;
  await s.fleet?.stop();
  await old.flush();
  s.db = next;
  old.close();
  next.disableAllJails();
  // The fleet keeps its outbox and read position in the database.
  if (s.fleet) await s.restartFleet();
  s.log.logger.info(`Database changed to ${next.file ?? 'None'} (was ${old.file ?? 'None'})`);
  return next.file;
}

/** The database refuses a negative age or count with a RangeError; the client gets it as a user error. */
function checkValue(option: string, apply: () => void): void {
  try {
    apply();
  } catch (error) {
    if (error instanceof RangeError) throw new ServerError('E_VALUE', `set ${option}: ${error.message}`);
    throw error;
  }
}
