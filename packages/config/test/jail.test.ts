/** @module jail.test: jail.conf and fail2ban.conf refer only to what the tree ships, and the demo needs no root. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DIR, listActions, listFilters, parseIni } from './_tree.js';

const jailConf = parseIni(readFileSync(join(CONFIG_DIR, 'jail.conf'), 'utf8'));
const jails = [...jailConf.keys()].filter((s) => s !== 'INCLUDES' && s !== 'DEFAULT');
const defaults = jailConf.get('DEFAULT')!;
const option = (jail: string, key: string): string | undefined => jailConf.get(jail)?.get(key) ?? defaults.get(key);

describe('jail.conf', () => {
  it('has a jail for every filter', () => {
    expect([...jails].sort()).toEqual(listFilters());
  });

  it('enables the demo jail only', () => {
    expect(defaults.get('enabled')).toBe('false');
    expect(jails.filter((j) => option(j, 'enabled') === 'true')).toEqual(['demo']);
  });

  it('keeps Fail2Ban-like defaults and bans through the nftables set action', () => {
    expect(Object.fromEntries(['bantime', 'findtime', 'maxretry', 'backend', 'usedns', 'logencoding', 'banaction']
      .map((k) => [k, defaults.get(k)]))).toEqual({
      bantime: '10m', findtime: '10m', maxretry: '5', backend: 'auto', usedns: 'warn', logencoding: 'auto', banaction: 'nftables-set',
    });
  });

  it('names only actions that action.d ships', () => {
    const actions = new Set(listActions());
    const texts = [...jailConf.values()].flatMap((s) => [...s.entries()])
      .filter(([k]) => k === 'action' || k.startsWith('action_') || k.startsWith('banaction'))
      .flatMap(([, v]) => v.split('\n'));
    const named = texts.map((t) => t.trim()).filter((t) => t !== '' && !t.startsWith('%('))
      .map((t) => /^[\w-]+/.exec(t)![0]);
    expect(named.length).toBeGreaterThan(3);
    for (const name of named) expect(actions.has(name), name).toBe(true);
  });

  it('runs the demo without root: a log-only action, a short ban, files under /tmp', () => {
    expect(option('demo', 'filter')).toBe('demo');
    expect(option('demo', 'action')).toBe('log-only[logfile="/tmp/f2b-demo/actions.log"]');
    expect(option('demo', 'logpath')).toBe('/tmp/f2b-demo/auth.log');
    expect(option('demo', 'maxretry')).toBe('3');
    expect(option('demo', 'bantime')).toBe('60');
  });
});

describe('fail2ban.conf', () => {
  it('keeps socket, pid file and database where a normal user can write, and logs to the terminal', () => {
    const def = parseIni(readFileSync(join(CONFIG_DIR, 'fail2ban.conf'), 'utf8')).get('Definition')!;
    expect(def.get('logtarget')).toBe('STDOUT');
    for (const key of ['socket', 'pidfile', 'dbfile']) expect(def.get(key), key).toMatch(/^\/tmp\/f2b\//);
  });
});
