import { describe, expect, it } from 'vitest';
import { CommandError, GRAMMAR, helpText, parseCommand, parseDuration } from '@f2b/transmitter';

describe('parseCommand', () => {
  it.each([
    [['start'], { kind: 'start' }],
    [['restart'], { kind: 'restart' }],
    [['restart', '--unban', '--if-exists', 'sshd'], { kind: 'reload', jail: 'sshd', restart: true, unban: true, all: false, ifExists: true }],
    [['reload'], { kind: 'reload', jail: null, restart: false, unban: false, all: false, ifExists: false }],
    [['reload', '--restart', '--all'], { kind: 'reload', jail: null, restart: true, unban: false, all: true, ifExists: false }],
    [['reload', 'sshd'], { kind: 'reload', jail: 'sshd', restart: false, unban: false, all: false, ifExists: false }],
    [['stop'], { kind: 'stop' }],
    [['stop', 'sshd'], { kind: 'stop-jail', jail: 'sshd' }],
    [['stop', '--all'], { kind: 'stop-all-jails' }],
    [['start', 'sshd'], { kind: 'start-jail', jail: 'sshd' }],
    [['unban', '--all'], { kind: 'unban-all' }],
    [['unban', '192.0.2.1', '2001:db8::1'], { kind: 'unban', ips: ['192.0.2.1', '2001:db8::1'] }],
    [['banned'], { kind: 'banned', ips: [] }],
    [['banned', '192.0.2.1'], { kind: 'banned', ips: ['192.0.2.1'] }],
    [['status'], { kind: 'status' }],
    [['status', 'sshd'], { kind: 'status-jail', jail: 'sshd', flavor: 'basic' }],
    [['status', 'sshd', 'short'], { kind: 'status-jail', jail: 'sshd', flavor: 'short' }],
    [['status', '--all'], { kind: 'status-all', flavor: 'basic' }],
    [['status', '--all', 'stats'], { kind: 'status-all', flavor: 'stats' }],
    [['statistics'], { kind: 'statistics' }],
    [['ping'], { kind: 'ping' }],
    [['echo', 'a', 'b'], { kind: 'echo', words: ['a', 'b'] }],
    [['version'], { kind: 'version' }],
    [['flushlogs'], { kind: 'flushlogs' }],
    [['set', 'loglevel', 'info'], { kind: 'server-set', option: 'loglevel', value: 'INFO' }],
    [['set', 'loglevel', '7'], { kind: 'server-set', option: 'loglevel', value: 'TRACEDEBUG' }],
    [['set', 'dbfile', 'None'], { kind: 'server-set', option: 'dbfile', value: null }],
    [['set', 'dbpurgeage', '1d'], { kind: 'server-set', option: 'dbpurgeage', value: 86400 }],
    [['set', 'dbmaxmatches', '10'], { kind: 'server-set', option: 'dbmaxmatches', value: 10 }],
    [['get', 'logtarget'], { kind: 'server-get', option: 'logtarget' }],
    [['add', 'sshd'], { kind: 'add-jail', jail: 'sshd', backend: 'auto' }],
    [['add', 'sshd', 'systemd'], { kind: 'add-jail', jail: 'sshd', backend: 'systemd' }],
    [['set', 'sshd', 'idle', 'on'], { kind: 'jail-set', jail: 'sshd', option: 'idle', value: true }],
    [['set', 'sshd', 'ignoreself', 'false'], { kind: 'jail-set', jail: 'sshd', option: 'ignoreself', value: false }],
    [['set', 'sshd', 'bantime', '-1'], { kind: 'jail-set', jail: 'sshd', option: 'bantime', seconds: -1 }],
    [['set', 'sshd', 'findtime', '10m'], { kind: 'jail-set', jail: 'sshd', option: 'findtime', seconds: 600 }],
    [['set', 'sshd', 'bantime.increment', 'yes'], { kind: 'jail-set', jail: 'sshd', option: 'bantime.increment', value: true }],
    [['set', 'sshd', 'bantime.multipliers', '1', '2', '4'], { kind: 'jail-set', jail: 'sshd', option: 'bantime.multipliers', value: [1, 2, 4] }],
    [['set', 'sshd', 'usedns', 'no'], { kind: 'jail-set', jail: 'sshd', option: 'usedns', value: 'no' }],
    [['set', 'sshd', 'maxretry', '3'], { kind: 'jail-set', jail: 'sshd', option: 'maxretry', value: 3 }],
    [['set', 'sshd', 'addlogpath', '/var/log/auth.log', 'tail'], { kind: 'jail-set', jail: 'sshd', option: 'addlogpath', path: '/var/log/auth.log', tail: true }],
    [['set', 'sshd', 'addjournalmatch', '_SYSTEMD_UNIT=sshd.service', '+', '_COMM=sshd'], { kind: 'jail-set', jail: 'sshd', option: 'addjournalmatch', match: ['_SYSTEMD_UNIT=sshd.service', '+', '_COMM=sshd'] }],
    [['set', 'sshd', 'addfailregex', '^fail <HOST>$'], { kind: 'jail-set', jail: 'sshd', option: 'addfailregex', regex: '^fail <HOST>$' }],
    [['set', 'sshd', 'delignoreregex', '0'], { kind: 'jail-set', jail: 'sshd', option: 'delignoreregex', index: 0 }],
    [['set', 'sshd', 'attempt', '192.0.2.1', 'line one'], { kind: 'jail-set', jail: 'sshd', option: 'attempt', ip: '192.0.2.1', failures: ['line one'] }],
    [['set', 'sshd', 'unbanip', '--report-absent', '192.0.2.1'], { kind: 'jail-set', jail: 'sshd', option: 'unbanip', ips: ['192.0.2.1'], reportAbsent: true }],
    [['set', 'sshd', 'addaction', 'mail'], { kind: 'jail-set', jail: 'sshd', option: 'addaction', action: 'mail', file: null, options: null }],
    [['set', 'sshd', 'addaction', 'hook', '/etc/f2b/hook.mjs', '{"port":22}'], { kind: 'jail-set', jail: 'sshd', option: 'addaction', action: 'hook', file: '/etc/f2b/hook.mjs', options: { port: 22 } }],
    [['set', 'sshd', 'action', 'iptables', 'actionban', 'echo <ip>'], { kind: 'jail-set', jail: 'sshd', option: 'action', action: 'iptables', key: 'actionban', value: 'echo <ip>' }],
    [['get', 'sshd', 'banip'], { kind: 'jail-get', jail: 'sshd', option: 'banip', withTime: false, separator: ' ' }],
    [['get', 'sshd', 'banip', ','], { kind: 'jail-get', jail: 'sshd', option: 'banip', withTime: false, separator: ',' }],
    [['get', 'sshd', 'banip', '--with-time'], { kind: 'jail-get', jail: 'sshd', option: 'banip', withTime: true, separator: '\n' }],
    [['get', 'sshd', 'banned'], { kind: 'jail-get', jail: 'sshd', option: 'banned', ips: [] }],
    [['get', 'sshd', 'bantime.maxtime'], { kind: 'jail-get', jail: 'sshd', option: 'bantime.maxtime' }],
    [['get', 'sshd', 'logpath'], { kind: 'jail-get', jail: 'sshd', option: 'logpath' }],
    [['get', 'sshd', 'action', 'iptables', 'actionban'], { kind: 'jail-get', jail: 'sshd', option: 'action', action: 'iptables', key: 'actionban' }],
    [['get', 'sshd', 'actionmethods', 'iptables'], { kind: 'jail-get', jail: 'sshd', option: 'actionmethods', action: 'iptables' }],
  ])('parses %j', (words, expected) => {
    expect(parseCommand(words)).toEqual(expected);
  });

  it.each([
    [[], 'empty command (expected a command such as status or ping)'],
    [['foo'], "unknown command 'foo' (expected start, restart, reload, stop, unban, banned, status, statistics, ping, echo, help, version, flushlogs, set, get, add)"],
    [['set', 'sshd', 'maxretry', 'x'], "set sshd maxretry: 'x' is not a number"],
    [['set', 'sshd', 'maxretry', '0'], 'set sshd maxretry: 0 is below the minimum 1'],
    [['set', 'sshd', 'maxretry'], 'set sshd maxretry: missing argument (usage: set sshd maxretry <RETRY>)'],
    [['set', 'sshd', 'bantime', 'soon'], "set sshd bantime: 'soon' is not a duration (e.g. 600, 10m, 1h 30m)"],
    [['set', 'sshd', 'idle', 'maybe'], "set sshd idle: 'maybe' is not valid (expected on, off)"],
    [['set', 'sshd', 'usedns', 'always'], "set sshd usedns: 'always' is not valid (expected yes, warn, no, raw)"],
    [['set', 'sshd', 'banip', '999.1.1.1'], "set sshd banip: '999.1.1.1' is not an IP address"],
    [['set', 'sshd', 'addignoreip', '10.0.0.0/33'], "set sshd addignoreip: '10.0.0.0/33' is not a network (expected ADDRESS/BITS)"],
    [['set', 'sshd', 'addlogpath', '/x', 'middle'], "set sshd addlogpath: 'middle' is not valid (expected head, tail)"],
    [['set', 'sshd', 'addaction', 'x', 'f.mjs', '{bad'], "set sshd addaction: options '{bad' are not valid JSON"],
    [['set', 'sshd', 'addjournalmatch', 'sshd'], "set sshd addjournalmatch: 'sshd' is not a journal match (expected FIELD=value or +)"],
    [['set', 'loglevel', 'LOUD'], "set loglevel: 'LOUD' is not a log level (expected CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG, TRACEDEBUG, HEAVYDEBUG or 5..50)"],
    [['set', 'bad jail', 'maxretry', '3'], "set: 'bad jail' is not a valid jail name"],
    [['status', 'sshd', 'cymru'], "status sshd: unknown flavor 'cymru' (expected basic, short)"],
    [['status', '--all', 'long'], "status --all: unknown flavor 'long' (expected basic, short, stats)"],
    [['reload', '--force'], "reload: unknown option '--force' (expected --restart, --unban, --all, --if-exists)"],
    [['reload', '--all', 'sshd'], "reload: --all reloads every jail; drop it or the jail 'sshd'"],
    [['restart', '--unban'], 'restart: missing jail after options (usage: restart [--unban] [--if-exists] <JAIL>)'],
    [['ping', 'now'], "ping: unexpected argument 'now' (ping takes none)"],
    [['get', 'loglevel', 'x'], "get loglevel: unexpected argument 'x' (get loglevel takes none)"],
    [['unban'], 'unban: missing argument (usage: unban --all | unban <IP> ... <IP>)'],
  ])('rejects %j', (words, message) => {
    let caught: unknown;
    try {
      parseCommand(words);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CommandError);
    expect((caught as CommandError).code).toBe('E_COMMAND');
    expect((caught as CommandError).message).toBe(message);
  });

  it('names every option set JAIL accepts when the option is unknown', () => {
    expect(() => parseCommand(['set', 'sshd', 'colour', 'red'])).toThrow(/^set sshd: unknown option 'colour' \(expected idle, ignoreself, .*, action\)$/);
  });

  it('keeps hostile words out of messages: control characters replaced, long words clipped', () => {
    const word = `\x1b[31m${'A'.repeat(500)}`;
    try {
      parseCommand([word]);
    } catch (error) {
      expect((error as Error).message).not.toContain('\x1b');
      expect((error as Error).message.length).toBeLessThan(300);
    }
    expect(() => parseCommand([word])).toThrow(CommandError);
  });

  it('rejects words that are not strings, and words too long', () => {
    expect(() => parseCommand([1 as unknown as string])).toThrow('every word of a command must be a string');
    expect(() => parseCommand(['echo', 'x'.repeat(9000)])).toThrow(/^word too long/);
  });
});

const SAMPLES: Record<string, string> = {
  JAIL: 'sshd', IP: '192.0.2.7', TIME: '10m', SECONDS: '3600', INT: '5', RETRY: '3', LINES: '2', INDEX: '0',
  LEVEL: 'INFO', TARGET: 'STDERR', SOCKET: '/dev/log', FILE: '/var/log/auth.log', VALUE: 'x', ENCODING: 'utf-8',
  REGEX: '^x <HOST>$', PATTERN: '%Y', ZONE: 'UTC', NUMBER: '1.5', FORMULA: 'ban.Time * 2', ACT: 'iptables',
  CMD: 'true', TIMEOUT: '60', PROPERTY: 'port', METHOD: 'flush', MATCH: '_COMM=sshd', BACKEND: 'polling',
  JSFILE: '/x.mjs', JSONOPTIONS: '{}', failure: 'line', SEP: ',', N: '2',
};

/** Turns a usage line into the words of one real command: first choice, no optional parts, one repetition. */
function instantiate(usage: string): string[] {
  const text = usage
    .replace(/ \.\.\. <[A-Za-z]+>/g, '')
    .replace(/ \.\.\./g, '')
    .replace(/ \[[^\]]*\]/g, '')
    .replace(/'<N>'/g, '<N>');
  return text.split(' ').map((word) => {
    const choice = word.split('|')[0] as string;
    return choice.replace(/<([A-Za-z]+)>/g, (_, name: string) => {
      const sample = SAMPLES[name];
      if (sample === undefined) throw new Error(`no sample for <${name}> in '${usage}'`);
      return sample;
    });
  });
}

describe('GRAMMAR and helpText', () => {
  it.each(GRAMMAR.map((entry) => [entry.usage]))('the usage line %s parses', (usage) => {
    expect(() => parseCommand(instantiate(usage))).not.toThrow();
  });

  it('prints every usage line under its section heading, help text wrapped at the margin', () => {
    const text = helpText();
    for (const entry of GRAMMAR) expect(text).toContain(`    ${entry.usage}`);
    expect(text.split('\n')[0]).toBe('BASIC:');
    expect(text).toContain('\n\nJAIL INFORMATION:\n');
    expect(Math.max(...text.split('\n').filter((line) => !line.trim().startsWith('set') && !line.trim().startsWith('get') && !line.trim().startsWith('reload')).map((line) => line.length))).toBeLessThanOrEqual(80);
  });
});

describe('parseDuration', () => {
  it.each([
    ['600', 600], ['10m', 600], ['1h 30m', 5400], ['1h30m', 5400], ['2d', 172800], ['1w', 604800],
    ['-1', -1], ['1.5h', 5400], ['1y', 31557600], ['1mo', 2629800], ['3 seconds', 3],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'soon', '10 parsecs', '1h x', 'm'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
