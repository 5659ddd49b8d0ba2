/** @module jail.test: jail.conf and fail2ban.conf refer only to what the tree ships, and the demo needs no root. */
import { describe, expect, it } from 'vitest';
import { readConfig } from '@f2b/config-reader';
import { CONFIG_DIR, listActions, listFilters } from './_tree.js';

const config = readConfig(CONFIG_DIR, { includeDisabled: true });
const jail = (name: string) => config.jails.find((j) => j.name === name)!;

describe('jail.conf', () => {
  it('reads without errors, with a jail for every filter', () => {
    expect(config.errors).toEqual([]);
    expect(config.jails.map((j) => j.name).sort()).toEqual(listFilters());
  });

  it('enables the demo jail only', () => {
    expect(config.jails.filter((j) => j.enabled).map((j) => j.name)).toEqual(['demo']);
  });

  it('keeps Fail2Ban-like defaults and bans through the nftables set action', () => {
    const sshd = jail('sshd');
    expect({ bantime: sshd.bantime, findtime: sshd.findtime, maxretry: sshd.maxretry, backend: sshd.backend, usedns: sshd.usedns, logencoding: sshd.logencoding }).toEqual({
      bantime: 600, findtime: 600, maxretry: 5, backend: 'auto', usedns: 'warn', logencoding: 'auto',
    });
    expect(sshd.actions.map((a) => a.name)).toEqual(['nftables-set']);
  });

  it('names only actions that action.d ships', () => {
    const shipped = new Set(listActions());
    const named = config.jails.flatMap((j) => j.actions.map((a) => a.file.replace(/^.*\/action\.d\//, '').replace(/\.conf$/, '')));
    expect(named.length).toBeGreaterThan(3);
    for (const name of named) expect(shipped.has(name), name).toBe(true);
  });

  it('runs the demo without root: a log-only action, a short ban, files under /tmp', () => {
    const demo = jail('demo');
    expect(demo.filter.name).toBe('demo');
    expect(demo.actions.map((a) => [a.name, a.jailOptions])).toEqual([['log-only', { logfile: '/tmp/f2b-demo/actions.log' }]]);
    expect(demo.logpath.map((p) => p.path)).toEqual(['/tmp/f2b-demo/auth.log']);
    expect({ maxretry: demo.maxretry, bantime: demo.bantime }).toEqual({ maxretry: 3, bantime: 60 });
  });
});

describe('fail2ban.conf', () => {
  it('keeps socket, pid file and database where a normal user can write, and logs to the terminal', () => {
    const { server } = config;
    expect(server.logtarget).toBe('STDOUT');
    for (const key of ['socket', 'pidfile', 'dbfile'] as const) expect(server[key], key).toMatch(/^\/tmp\/f2b\//);
  });
});
