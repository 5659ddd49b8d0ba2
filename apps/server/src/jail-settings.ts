/** @module jail-settings: `set JAIL …` and `get JAIL …` on a running jail. */
import { readAction, type JailSpec } from '@f2b/config-reader';
import type { CommandOf } from '@f2b/transmitter';
import { ServerError, type F2bServer } from './server.js';
import type { JailRuntime } from './jail-runtime.js';
import { callActionMethod } from './_action-methods.js';

type JailSet = CommandOf<'jail-set'>;
type JailGet = CommandOf<'jail-get'>;

/** Changes a running jail; returns what fail2ban-client prints back (the new value). */
export async function setJailValue(server: F2bServer, runtime: JailRuntime, c: JailSet): Promise<unknown> {
  const spec = runtime.spec;
  const withFilter = (patch: Partial<JailSpec['filter']>): JailSpec => ({ ...spec, filter: { ...spec.filter, ...patch } });
  switch (c.option) {
    case 'idle':
      runtime.idle = c.value;
      return c.value;
    case 'addignoreip':
      runtime.jail.ignore.addIgnoreIp(c.values);
      return runtime.jail.ignore.listIgnoreIp();
    case 'delignoreip':
      for (const value of c.values) runtime.jail.ignore.deleteIgnoreIp(value);
      return runtime.jail.ignore.listIgnoreIp();
    case 'banip': {
      let count = 0;
      for (const ip of c.ips) {
        const ticket = runtime.jail.banIp(ip);
        if (ticket) {
          count++;
          await runtime.enqueue(() => runtime.ban(ticket));
        }
      }
      return count;
    }
    case 'unbanip': {
      let count = 0;
      for (const ip of c.ips) {
        const tickets = userError(() => runtime.jail.unbanIp(ip, { ifExists: !c.reportAbsent }));
        count += tickets.length;
        await runtime.enqueue(() => runtime.unban(tickets));
      }
      return count;
    }
    case 'attempt': {
      const ticket = userError(() => runtime.jail.attempt(c.ip, { matches: c.failures }));
      if (ticket) await runtime.enqueue(() => runtime.ban(ticket));
      return ticket ? 1 : 0;
    }
    case 'addfailregex':
    case 'addignoreregex': {
      const key = c.option === 'addfailregex' ? 'failregex' : 'ignoreregex';
      userError(() => runtime.replaceFilter(withFilter({ [key]: [...spec.filter[key], c.regex] })));
      return runtime.spec.filter[key];
    }
    case 'delfailregex':
    case 'delignoreregex': {
      const key = c.option === 'delfailregex' ? 'failregex' : 'ignoreregex';
      const list = [...spec.filter[key]];
      if (c.index < 0 || c.index >= list.length) throw new ServerError('E_VALUE', `${key}: no regex at index ${c.index} (there are ${list.length})`);
      list.splice(c.index, 1);
      runtime.replaceFilter(withFilter({ [key]: list }));
      return runtime.spec.filter[key];
    }
    case 'prefregex':
      userError(() => runtime.replaceFilter(withFilter({ prefregex: c.value === '' ? null : c.value })));
      return c.value;
    case 'datepattern':
      userError(() => runtime.replaceFilter(withFilter({ datepattern: c.value === '' ? null : c.value.split('\n') })));
      return c.value;
    case 'maxlines':
      userError(() => runtime.replaceFilter(withFilter({ maxlines: c.value })));
      return c.value;
    case 'usedns':
      runtime.replaceFilter({ ...spec, usedns: c.value });
      return c.value;
    case 'logtimezone':
      userError(() => runtime.replaceFilter({ ...spec, logtimezone: c.value }));
      return c.value;
    case 'addlogpath':
      await runtime.replaceSources({ ...spec, logpath: [...spec.logpath, { path: c.path, start: c.tail ? 'tail' : 'head' }] });
      return runtime.files();
    case 'dellogpath':
      await runtime.replaceSources({ ...spec, logpath: spec.logpath.filter((p) => p.path !== c.path) });
      return runtime.files();
    case 'logencoding':
      await runtime.replaceSources({ ...spec, logencoding: c.value });
      return c.value;
    case 'addjournalmatch':
      await runtime.replaceSources(withFilter({ journalmatch: [...spec.filter.journalmatch, c.match.join(' ')] }));
      return runtime.spec.filter.journalmatch;
    case 'deljournalmatch':
      await runtime.replaceSources(withFilter({ journalmatch: spec.filter.journalmatch.filter((m) => m !== c.match.join(' ')) }));
      return runtime.spec.filter.journalmatch;
    case 'addaction': {
      if (c.file !== null) {
        await runtime.addAction({ name: c.action, file: c.file, kind: 'javascript', jailOptions: {}, options: stringOptions(c.options), conditional: {}, known: {} });
      } else {
        const values = new Map(Object.entries(spec.options));
        await runtime.addAction(userError(() => readAction(server.config.dir, c.action, runtime.name, {}, values)));
      }
      return runtime.actions.map((a) => a.spec.name);
    }
    case 'delaction':
      await userErrorAsync(() => runtime.removeAction(c.action));
      return runtime.actions.map((a) => a.spec.name);
    case 'action': {
      // A JavaScript action's method is called (Fail2Ban: a Python action's callable member); anything else is a property.
      const methods = findRunning(runtime, c.action).runner.action.methods;
      if (methods?.has(c.key)) return callActionMethod(runtime.name, c.action, c.key, c.value, methods);
      if (c.value === null) throw new ServerError('E_VALUE', `set ${runtime.name} action ${c.action} ${c.key}: a value is needed`);
      await userErrorAsync(() => runtime.updateAction(c.action, c.key, c.value!));
      return c.value;
    }
    default:
      return setCountingOption(runtime, c);
  }
}

/** maxretry, findtime, bantime and friends: applied to the jail logic in place (counts kept). */
function setCountingOption(runtime: JailRuntime, c: JailSet): unknown {
  const spec = runtime.spec;
  let next: JailSpec;
  const inc = spec.bantimeIncrement;
  switch (c.option) {
    case 'maxretry':
    case 'maxmatches':
      next = { ...spec, [c.option]: c.value };
      break;
    case 'findtime':
    case 'bantime':
      next = { ...spec, [c.option]: c.seconds };
      break;
    case 'bantime.maxtime':
    case 'bantime.rndtime':
      next = { ...spec, bantimeIncrement: { ...inc, [c.option.slice(8)]: c.seconds } };
      break;
    case 'bantime.increment':
      next = { ...spec, bantimeIncrement: { ...inc, enabled: c.value } };
      break;
    case 'bantime.overalljails':
      next = { ...spec, bantimeIncrement: { ...inc, overalljails: c.value } };
      break;
    case 'bantime.factor':
      next = { ...spec, bantimeIncrement: { ...inc, factor: c.value } };
      break;
    case 'bantime.formula':
      next = { ...spec, bantimeIncrement: { ...inc, formula: c.value } };
      break;
    case 'bantime.multipliers':
      next = { ...spec, bantimeIncrement: { ...inc, multipliers: c.value } };
      break;
    case 'ignoreself':
      next = { ...spec, ignoreself: c.value };
      break;
    case 'ignorecommand':
      next = { ...spec, ignorecommand: c.value };
      break;
    default:
      throw new ServerError('E_UNSUPPORTED', `set ${runtime.name} ${c.option}: not supported by f2b yet`);
  }
  userError(() => runtime.reconfigure(next));
  return 'value' in c ? c.value : 'seconds' in c ? c.seconds : 'OK';
}

/** Reads a jail setting for `get JAIL …`. */
export function getJailValue(runtime: JailRuntime, c: JailGet): unknown {
  const spec = runtime.spec;
  const inc = spec.bantimeIncrement;
  switch (c.option) {
    case 'logpath':
      return runtime.files();
    case 'logencoding':
      return spec.logencoding;
    case 'journalmatch':
      return spec.filter.journalmatch;
    case 'ignoreself':
      return spec.ignoreself;
    case 'ignoreip':
      return runtime.jail.ignore.listIgnoreIp();
    case 'ignorecommand':
      return spec.ignorecommand;
    case 'ignorecache':
      return spec.ignorecache;
    case 'prefregex':
      return spec.filter.prefregex ?? '';
    case 'failregex':
      return spec.filter.failregex;
    case 'ignoreregex':
      return spec.filter.ignoreregex;
    case 'findtime':
      return spec.findtime;
    case 'bantime':
      return spec.bantime;
    case 'datepattern':
      return spec.filter.datepattern?.join('\n') ?? null;
    case 'logtimezone':
      return spec.logtimezone;
    case 'usedns':
      return spec.usedns;
    case 'maxretry':
      return spec.maxretry;
    case 'maxmatches':
      return spec.maxmatches;
    case 'maxlines':
      return spec.filter.maxlines;
    case 'actions':
      return runtime.actions.map((a) => a.spec.name);
    case 'idle':
      return runtime.idle;
    case 'bantime.increment':
      return inc.enabled;
    case 'bantime.factor':
      return inc.factor;
    case 'bantime.formula':
      return inc.formula;
    case 'bantime.multipliers':
      return inc.multipliers;
    case 'bantime.maxtime':
      return inc.maxtime;
    case 'bantime.rndtime':
      return inc.rndtime;
    case 'bantime.overalljails':
      return inc.overalljails;
    case 'action': {
      const action = findAction(runtime, c.action);
      return action.options[c.key] ?? null;
    }
    case 'actionproperties':
      return Object.keys(findAction(runtime, c.action).options);
    case 'actionmethods':
      return findRunning(runtime, c.action).runner.action.methods?.list() ?? ['start', 'stop', 'ban', 'unban', 'flush', 'reload'];
    default:
      throw new ServerError('E_UNSUPPORTED', `get ${runtime.name} ${c.option}: not supported`);
  }
}

function findAction(runtime: JailRuntime, name: string) {
  return findRunning(runtime, name).spec;
}

function findRunning(runtime: JailRuntime, name: string) {
  const found = runtime.actions.find((a) => a.spec.name === name);
  if (!found) throw new ServerError('E_UNKNOWN_ACTION', `jail '${runtime.name}' has no action '${name}'`);
  return found;
}

function stringOptions(options: Readonly<Record<string, unknown>> | null): Record<string, string> {
  return Object.fromEntries(Object.entries(options ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** Runs `work`, turning a thrown user error (bad regex, unknown address) into a ServerError reply. */
function userError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asServerError(error);
  }
}

async function userErrorAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asServerError(error);
  }
}

function asServerError(error: unknown): ServerError {
  if (error instanceof ServerError) return error;
  const code = (error as { code?: unknown }).code;
  return new ServerError(typeof code === 'string' ? code : 'E_VALUE', (error as Error).message);
}
