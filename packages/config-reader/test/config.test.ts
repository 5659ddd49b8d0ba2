import { afterEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { dumpConfig, readConfig, readFilter } from '@f2b/config-reader';

let tree: TempTree;
afterEach(() => tree?.remove());

const FILTER = `[INCLUDES]
before = common.conf
[Definition]
_daemon = demo
mode = normal
mdre-normal = ^fail from <HOST>$
mdre-extra = %(mdre-normal)s
             ^bad user <F-USER>.+</F-USER> from <HOST>$
failregex = <mdre-<mode>>
ignoreregex = ^ok
datepattern = {^LN-BEG}
journalmatch = _SYSTEMD_UNIT=demo.service + _COMM=demo
[Init]
maxlines = 2
`;
const ACTION = `[Definition]
actionstart = <iptables> -N f2b-<name>
actionban = <iptables> -I f2b-<name> -s <ip> -j <blocktype> # <matches>
actionunban = <iptables> -D f2b-<name> -s <ip> -j <blocktype>
norestored = yes
[Init]
name = default
blocktype = REJECT
chain = INPUT
iptables = iptables -w
[Init?family=inet6]
iptables = ip6tables -w
`;

function configDir(jail: string, extra: Record<string, string> = {}): string {
  tree = makeTempTree({
    'fail2ban.conf': '[Definition]\nloglevel = info\nsocket = /tmp/x.sock\ndbfile = None\n',
    'jail.conf': jail,
    'filter.d/common.conf': '[DEFAULT]\n_daemon = unused\n',
    'filter.d/demo.conf': FILTER,
    'action.d/ipt.conf': ACTION,
    'logs/demo.log': '',
    ...extra,
  });
  return tree.dir;
}

const BASE = (dir: string) => `[DEFAULT]
bantime = 1h 30m
findtime = 10m
maxretry = 4
banaction = ipt
port = 0:65535
action_ = %(banaction)s[port="%(port)s", chain="<known/chain>"]
action = %(action_)s
[demo]
enabled = true
filter = demo
logpath = ${dir}/logs/demo.log
          ${dir}/logs/*.log tail
[off]
enabled = false
filter = missing
`;

describe('readConfig', () => {
  it('resolves an enabled jail with its filter, actions, durations and log paths', () => {
    const dir = configDir('');
    tree.write('jail.conf', BASE(dir));
    const spec = readConfig(dir);
    expect(spec.errors).toEqual([]);
    expect(spec.server).toMatchObject({ loglevel: 'INFO', socket: '/tmp/x.sock', dbfile: null, dbpurgeage: 86400 });
    expect(spec.jails.map((j) => j.name)).toEqual(['demo']);
    const [jail] = spec.jails;
    expect(jail).toMatchObject({ bantime: 5400, findtime: 600, maxretry: 4, maxmatches: 4, backend: 'auto', usedns: 'warn' });
    expect(jail!.logpath).toEqual([
      { path: `${dir}/logs/demo.log`, start: 'head' },
      { path: `${dir}/logs/*.log`, start: 'tail' },
    ]);
    expect(jail!.filter).toMatchObject({
      name: 'demo',
      failregex: ['^fail from <HOST>$'],
      ignoreregex: ['^ok'],
      maxlines: 2,
      datepattern: ['{^LN-BEG}'],
      journalmatch: ['_SYSTEMD_UNIT=demo.service + _COMM=demo'],
    });
    const [action] = jail!.actions;
    expect(action).toMatchObject({
      name: 'ipt',
      kind: 'command',
      options: {
        actionstart: '<iptables> -N f2b-demo',
        actionban: '<iptables> -I f2b-demo -s <ip> -j REJECT # <matches>',
        norestored: 'yes',
        name: 'demo',
        port: '0:65535',
        chain: '<known/chain>',
        blocktype: 'REJECT',
        iptables: 'iptables -w',
      },
      conditional: { 'family=inet6': { iptables: 'ip6tables -w' } },
      known: { name: 'default', chain: 'INPUT' },
    });
  });

  it('lets an argument the jail passes replace the [Init?family=inet6] variant too, unless that is passed (Fail2Ban 1.1, gh-4069)', () => {
    const dir = configDir('');
    tree.write('action.d/cond.conf', '[Definition]\nactionban = <cmd> <blocktype> <ip>\n[Init]\ncmd = ban\nblocktype = REJECT\n[Init?family=inet6]\nblocktype = REJECT6\ncmd = ban6\n');
    const jail = (action: string) => `[x]\nenabled = true\nfilter = demo\nlogpath = ${dir}/logs/demo.log\naction = ${action}\n`;
    tree.write('jail.conf', jail('cond[blocktype=DROP]'));
    expect(readConfig(dir).jails[0]!.actions[0]).toMatchObject({ options: { blocktype: 'DROP' }, conditional: { 'family=inet6': { blocktype: 'DROP', cmd: 'ban6' } } });
    tree.write('jail.conf', jail('cond[blocktype=DROP, blocktype?family=inet6=RETURN]'));
    expect(readConfig(dir).jails[0]!.actions[0]).toMatchObject({ options: { blocktype: 'DROP' }, conditional: { 'family=inet6': { blocktype: 'RETURN', cmd: 'ban6' } } });
  });

  it('applies filter options from the jail (name[mode=extra]) and jail-level regex overrides', () => {
    const dir = configDir('');
    tree.write('jail.conf', `${BASE(dir)}[demo2]\nenabled = true\nfilter = demo[mode=extra, x="a, b"]\nlogpath = ${dir}/logs/demo.log\nfailregex = %(known/failregex)s\n            ^jail-only <HOST>\nmaxlines = 5\n`);
    const demo2 = readConfig(dir).jails.find((j) => j.name === 'demo2')!;
    expect(demo2.filter.jailOptions).toEqual({ mode: 'extra', x: 'a, b' });
    expect(demo2.filter.failregex).toEqual(['^fail from <HOST>$', '^bad user <F-USER>.+</F-USER> from <HOST>$', '^jail-only <HOST>']);
    expect(demo2.filter.maxlines).toBe(5);
  });

  it('reports a broken jail with one line and keeps the others', () => {
    const dir = configDir('');
    tree.write('jail.conf', `${BASE(dir)}[bad1]\nenabled = true\nfilter = nosuch\n[bad2]\nenabled = true\nfilter = demo\naction = nosuchaction\n[bad3]\nenabled = true\nfilter = demo\nbantime = forever\n`);
    const spec = readConfig(dir);
    expect(spec.jails.map((j) => j.name)).toEqual(['demo']);
    expect(spec.errors.map((e) => e.message.replaceAll(dir, 'DIR'))).toEqual([
      "DIR/jail.conf:19: jail 'bad1': filter 'nosuch' not found (no DIR/filter.d/nosuch.conf or .local)",
      "DIR/jail.conf:23: jail 'bad2': action 'nosuchaction' not found (no DIR/action.d/nosuchaction.conf or .local)",
      "DIR/jail.conf:27: jail 'bad3': bantime: 'forever' has unexpected 'forever' (expected a time like 600, 10m, 1h 30m, 1d, -1)",
    ]);
    for (const e of spec.errors) expect(e.message).not.toContain('\n');
  });

  it('reports a missing directory and a missing jail.conf without throwing', () => {
    expect(readConfig('/nonexistent/f2b').errors).toEqual([{ message: '/nonexistent/f2b: configuration directory does not exist' }]);
    tree = makeTempTree({ 'fail2ban.conf': '[Definition]\n' });
    expect(readConfig(tree.dir).errors[0]!.message).toMatch(/no jail\.conf or jail\.local found/);
  });

  it('reports a syntax error with file and line', () => {
    const dir = configDir('[demo]\nenabled = true\nthis is not ini\n');
    expect(readConfig(dir).errors).toEqual([{ message: `${dir}/jail.conf:3: expected 'name = value', got 'this is not ini'` }]);
  });

  it('dumps the effective configuration as commands', () => {
    const dir = configDir('');
    tree.write('jail.conf', BASE(dir));
    const dump = dumpConfig(readConfig(dir));
    expect(dump).toContainEqual(['add', 'demo', 'auto']);
    expect(dump).toContainEqual(['set', 'demo', 'bantime', 5400]);
    expect(dump).toContainEqual(['multi-set', 'demo', 'addfailregex', ['^fail from <HOST>$']]);
    expect(dump.at(-1)).toEqual(['start', 'demo']);
  });
});

describe('readFilter', () => {
  it('reads a filter by name with options, or by path', () => {
    const dir = configDir('');
    expect(readFilter(dir, 'demo[mode=extra]').failregex).toHaveLength(2);
    expect(readFilter(dir, `${dir}/filter.d/demo.conf`).failregex).toEqual(['^fail from <HOST>$']);
  });

  it('refuses an unknown mode in one line naming the filter file, the option and the mode', () => {
    const dir = configDir('');
    expect(() => readFilter(dir, 'demo[mode=bogus]')).toThrow(`${dir}/filter.d/demo.conf: option 'failregex': mode 'bogus' selects <mdre-bogus>, which is not defined`);
  });

  it('leaves out a jail whose filter has an unknown mode, with that error, and reads the others', () => {
    const dir = configDir('');
    tree.write('jail.conf', `${BASE(dir)}[bad]\nenabled = true\nfilter = demo[mode=bogus]\nlogpath = ${dir}/logs/demo.log\n`);
    const config = readConfig(dir);
    expect(config.jails.map((j) => j.name)).toEqual(['demo']);
    expect(config.errors.map((e) => e.message)).toEqual([`${dir}/filter.d/demo.conf: option 'failregex': mode 'bogus' selects <mdre-bogus>, which is not defined`]);
  });

  it('throws one clear line for a missing filter', () => {
    const dir = configDir('');
    expect(() => readFilter(dir, 'nope')).toThrow(`filter 'nope': filter 'nope' not found (no ${dir}/filter.d/nope.conf or .local)`);
  });
});
