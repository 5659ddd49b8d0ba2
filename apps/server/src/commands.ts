/** @module commands: one handler per command kind of fail2ban-client's grammar. */
import type {
  BanListWithTimeResult,
  Command,
  CommandOf,
  JailStatusResult,
  StatusFlavor,
  StatusResult,
} from '@f2b/transmitter';
import { helpText } from '@f2b/transmitter';
import { getJailValue, setJailValue } from './jail-settings.js';
import { getServerValue, setServerValue } from './server-settings.js';
import type { JailRuntime } from './jail-runtime.js';
import { ServerError, VERSION, type F2bServer } from './server.js';
import { serverStatus, sortedJails, statisticsRow } from './status-overview.js';

type Handler<K extends Command['kind']> = (server: F2bServer, command: CommandOf<K>) => unknown;
type HandlerMap = { [K in Command['kind']]: Handler<K> };

/** Runs a parsed command against the server; user errors are thrown as ServerError with a code. */
export function handleCommand(server: F2bServer, command: Command): unknown {
  const handler = HANDLERS[command.kind] as Handler<Command['kind']>;
  return handler(server, command);
}

const HANDLERS: HandlerMap = {
  ping: () => 'pong',
  echo: (_s, c) => c.words,
  help: () => helpText(),
  version: () => VERSION,
  start: () => 'Server already running',
  restart: async (s) => {
    await s.reload({ restart: true });
    return 'OK';
  },
  reload: async (s, c) => {
    await s.reload({ jail: c.jail, restart: c.restart, unban: c.unban, all: c.all });
    return 'OK';
  },
  stop: (s) => {
    // Reply first; the socket closes as part of stopping.
    setImmediate(() => void s.stop());
    return 'Shutdown successful';
  },
  status: (s): StatusResult => ({ ...serverStatus(s), ...(s.fleet ? { fleet: s.fleet.status() } : {}) }),
  'status-jail': (s, c) => jailStatus(s.requireJail(c.jail), c.flavor),
  'status-all': (s, c) => {
    const jails = sortedJails(s);
    return c.flavor === 'stats' ? { jails: jails.map(statisticsRow) } : { jails: jails.map((j) => jailStatus(j, c.flavor as StatusFlavor)) };
  },
  statistics: (s) => ({ jails: sortedJails(s).map(statisticsRow) }),
  flushlogs: (s) => {
    s.log.reopen();
    return 'rolled over';
  },
  'server-get': (s, c) => getServerValue(s, c.option),
  'server-set': (s, c) => setServerValue(s, c),
  'add-jail': (s, c) => {
    if (s.jails.has(c.jail)) throw new ServerError('E_JAIL_EXISTS', `jail '${c.jail}' already exists`);
    const spec = s.config.jails.find((j) => j.name === c.jail);
    if (!spec) throw new ServerError('E_UNKNOWN_JAIL', `jail '${c.jail}' is not in the configuration of ${s.config.dir} (add it to jail.local, then reload)`);
    return 'OK';
  },
  'start-jail': async (s, c) => {
    if (s.jails.has(c.jail)) return 'OK';
    const spec = s.config.jails.find((j) => j.name === c.jail);
    if (!spec) throw new ServerError('E_UNKNOWN_JAIL', `Sorry but the jail '${c.jail}' does not exist`);
    if (!(await s.startJail(spec))) throw new ServerError('E_JAIL_START', `jail '${c.jail}' could not start (see the server log)`);
    return 'OK';
  },
  'stop-jail': async (s, c) => {
    await s.stopJail(c.jail);
    return 'OK';
  },
  'stop-all-jails': async (s) => {
    for (const name of [...s.jails.keys()]) await s.stopJail(name);
    return 'OK';
  },
  'unban-all': async (s) => {
    let count = 0;
    for (const j of s.jails.values()) {
      const tickets = j.jail.unbanAll();
      count += tickets.length;
      await j.enqueue(() => j.unban(tickets));
    }
    return count;
  },
  unban: async (s, c) => {
    let count = 0;
    for (const ip of c.ips) {
      for (const j of s.jails.values()) {
        const tickets = j.jail.unbanIp(ip, { ifExists: true });
        count += tickets.length;
        await j.enqueue(() => j.unban(tickets));
      }
    }
    return count;
  },
  banned: (s, c) => {
    if (c.ips.length === 0) return sortedJails(s).map((j) => ({ jail: j.name, ips: j.jail.status().bannedList.map((b) => b.ip) }));
    return c.ips.map((ip) => sortedJails(s).filter((j) => j.jail.getBan(ip)).map((j) => j.name));
  },
  'jail-set': (s, c) => setJailValue(s, s.requireJail(c.jail), c),
  'jail-get': (s, c) => {
    const runtime = s.requireJail(c.jail);
    if (c.option === 'banip') {
      const list = runtime.jail.status().bannedList;
      if (!c.withTime) return list.map((b) => b.ip);
      const rows: BanListWithTimeResult = list.map((b) => ({ ip: b.ip, bannedAt: b.time, bantime: b.bantime, endsAt: b.bantime < 0 ? null : b.end }));
      return rows;
    }
    if (c.option === 'banned') {
      const list = runtime.jail.status().bannedList.map((b) => b.ip);
      return c.ips.length === 0 ? list : c.ips.map((ip) => (runtime.jail.getBan(ip) ? 1 : 0));
    }
    return getJailValue(runtime, c);
  },
};


function jailStatus(j: JailRuntime, flavor: StatusFlavor): JailStatusResult {
  const status = j.jail.status();
  const journal = j.spec.backend.startsWith('systemd');
  const full = flavor !== 'short';
  return {
    jail: j.name,
    filter: {
      currentlyFailed: status.currentlyFailed,
      totalFailed: status.totalFailed,
      ...(full && !journal ? { fileList: j.files() } : {}),
      ...(full && journal ? { journalMatches: j.spec.filter.journalmatch } : {}),
    },
    actions: {
      currentlyBanned: status.currentlyBanned,
      totalBanned: status.totalBanned,
      ...(full ? { bannedIps: status.bannedList.map((b) => b.ip) } : {}),
    },
  };
}
