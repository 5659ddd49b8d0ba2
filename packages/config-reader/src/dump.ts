/** @module dump: the effective configuration as command lines (like `fail2ban-client -d`). */
import type { ActionSpec, ConfigSpec, JailSpec } from './spec.js';

type Command = ReadonlyArray<string | number | boolean | null | ReadonlyArray<unknown>>;

/** The server and jail settings as the command stream a server would receive, one command per entry. */
export function dumpConfig(spec: ConfigSpec): Command[] {
  const { server } = spec;
  const out: Command[] = [
    ['set', 'syslogsocket', server.syslogsocket],
    ['set', 'loglevel', server.loglevel],
    ['set', 'logtarget', server.logtarget],
    ['set', 'allowipv6', server.allowipv6],
    ['set', 'dbfile', server.dbfile ?? 'None'],
    ['set', 'dbmaxmatches', server.dbmaxmatches],
    ['set', 'dbpurgeage', server.dbpurgeage],
  ];
  for (const jail of spec.jails) out.push(...dumpJail(jail));
  for (const jail of spec.jails) out.push(['start', jail.name]);
  return out;
}

function dumpJail(jail: JailSpec): Command[] {
  const { filter } = jail;
  const name = jail.name;
  const out: Command[] = [['add', name, jail.backend]];
  out.push(['set', name, 'usedns', jail.usedns]);
  if (filter.prefregex !== null) out.push(['set', name, 'prefregex', filter.prefregex]);
  out.push(['set', name, 'maxlines', filter.maxlines]);
  if (filter.failregex.length > 0) out.push(['multi-set', name, 'addfailregex', filter.failregex]);
  if (filter.ignoreregex.length > 0) out.push(['multi-set', name, 'addignoreregex', filter.ignoreregex]);
  if (filter.datepattern) out.push(['set', name, 'datepattern', filter.datepattern.join('\n')]);
  for (const match of filter.journalmatch) out.push(['set', name, 'addjournalmatch', ...match.split(/\s+/)]);
  out.push(
    ['set', name, 'maxretry', jail.maxretry],
    ['set', name, 'maxmatches', jail.maxmatches],
    ['set', name, 'findtime', jail.findtime],
    ['set', name, 'bantime', jail.bantime],
  );
  const inc = jail.bantimeIncrement;
  if (inc.enabled) {
    out.push(['set', name, 'bantime.increment', true], ['set', name, 'bantime.factor', inc.factor]);
    if (inc.formula) out.push(['set', name, 'bantime.formula', inc.formula]);
    if (inc.multipliers.length > 0) out.push(['set', name, 'bantime.multipliers', inc.multipliers.join(' ')]);
    if (inc.maxtime !== null) out.push(['set', name, 'bantime.maxtime', inc.maxtime]);
    if (inc.rndtime !== null) out.push(['set', name, 'bantime.rndtime', inc.rndtime]);
    out.push(['set', name, 'bantime.overalljails', inc.overalljails]);
  }
  if (jail.ignoreip.length > 0) out.push(['set', name, 'addignoreip', ...jail.ignoreip]);
  out.push(['set', name, 'ignoreself', jail.ignoreself], ['set', name, 'ignorecommand', jail.ignorecommand]);
  out.push(['set', name, 'logencoding', jail.logencoding]);
  if (jail.logtimezone) out.push(['set', name, 'logtimezone', jail.logtimezone]);
  for (const path of jail.logpath) out.push(['set', name, 'addlogpath', path.path, path.start]);
  for (const action of jail.actions) out.push(...dumpAction(name, action));
  return out;
}

function dumpAction(jail: string, action: ActionSpec): Command[] {
  const properties: [string, string][] = Object.entries(action.options);
  for (const [cond, values] of Object.entries(action.conditional)) {
    for (const [key, value] of Object.entries(values)) properties.push([`${key}?${cond}`, value]);
  }
  return [
    ['set', jail, 'addaction', action.name, ...(action.kind === 'javascript' ? [action.file] : [])],
    ['multi-set', jail, 'action', action.name, properties],
  ];
}
