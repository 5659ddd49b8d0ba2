/** @module server: fail2ban.conf (+ fail2ban.d/, .local) [Definition] into a ServerSpec. */
import type { IniFile } from './_ini.js';
import { ConfigTree, layeredFiles } from './_tree.js';
import { parseDuration } from './duration.js';
import { ConfigError } from './errors.js';
import type { ConfigProblem, FleetSection, ServerSpec } from './spec.js';

/** Fail2Ban's defaults for options fail2ban.conf leaves out. */
export const SERVER_DEFAULTS: ServerSpec = {
  loglevel: 'INFO',
  logtarget: 'STDERR',
  syslogsocket: 'auto',
  socket: '/var/run/fail2ban/fail2ban.sock',
  pidfile: '/var/run/fail2ban/fail2ban.pid',
  allowipv6: 'auto',
  dbfile: '/var/lib/fail2ban/fail2ban.sqlite3',
  dbpurgeage: 86400,
  dbmaxmatches: 10,
  metrics: null,
  metricstokenfile: null,
  fleet: null,
};

/** Reads the server options of `baseDir/fail2ban.conf` and its layers; a missing file means defaults. */
export function readServerConfig(baseDir: string, warnings: ConfigProblem[] = [], cache: Map<string, IniFile> = new Map()): ServerSpec {
  const tree = new ConfigTree(cache);
  tree.read(layeredFiles(baseDir, 'fail2ban'));
  const get = (key: string) => (tree.sections.has('Definition') ? tree.get('Definition', key) : tree.defaults.get(key)?.value);
  const text = (key: Exclude<keyof ServerSpec, 'fleet'>) => get(key) ?? String(SERVER_DEFAULTS[key]);
  const dbfile = text('dbfile');
  const dbmaxmatchesText = get('dbmaxmatches');
  let dbmaxmatches = SERVER_DEFAULTS.dbmaxmatches;
  if (dbmaxmatchesText !== undefined) {
    if (/^\s*\d+\s*$/.test(dbmaxmatchesText)) dbmaxmatches = Number(dbmaxmatchesText);
    else warnings.push({ message: `fail2ban.conf: dbmaxmatches '${dbmaxmatchesText}' is not an integer; using ${dbmaxmatches}` });
  }
  const loglevel = text('loglevel').toUpperCase();
  if (!/^(CRITICAL|ERROR|WARNING|NOTICE|INFO|DEBUG|TRACEDEBUG|HEAVYDEBUG|\d+)$/.test(loglevel)) {
    throw new ConfigError('E_CONFIG_VALUE', `fail2ban.conf: loglevel '${loglevel}' (expected CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG)`);
  }
  return {
    loglevel,
    logtarget: text('logtarget'),
    syslogsocket: text('syslogsocket'),
    socket: text('socket'),
    pidfile: text('pidfile'),
    allowipv6: text('allowipv6'),
    dbfile: dbfile.trim().toLowerCase() === 'none' || dbfile.trim() === '' ? null : dbfile.trim(),
    dbpurgeage: parseDuration(text('dbpurgeage'), 'fail2ban.conf: dbpurgeage'),
    dbmaxmatches,
    metrics: optionalText(get('metrics')),
    metricstokenfile: optionalText(get('metricstokenfile')),
    fleet: readFleetSection(tree),
  };
}

/** An f2b-only option: unset, empty or `none` means off. */
function optionalText(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' || text.toLowerCase() === 'none' ? null : text;
}

/** `[Fleet]`'s own options (not `[DEFAULT]`'s), interpolated. */
function readFleetSection(tree: ConfigTree): FleetSection | null {
  if (!tree.sections.has('Fleet')) return null;
  const options: Record<string, string> = {};
  for (const name of tree.optionNames('Fleet')) options[name] = tree.get('Fleet', name) ?? '';
  const header = tree.headers.get('Fleet');
  return { options, source: { file: header?.file ?? 'fail2ban.local', line: header?.line ?? 0 } };
}
