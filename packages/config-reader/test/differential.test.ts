/**
 * Differential test against Fail2Ban itself: every jail of Debian's /etc/fail2ban, enabled with a
 * log file in a temp dir, must resolve to the same regexes, counters and action properties as
 * `fail2ban-client -c DIR -d` reports for the same tree. The same again for the config tree of
 * Fail2Ban's current development snapshot, against that snapshot's own fail2ban-client.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig, type ActionSpec, type ConfigSpec } from '@f2b/config-reader';
import { FAIL2BAN_CONFIG_DIR, PYTHON, fail2banAvailable, findFail2banUpstream, makeTempTree, type TempTree } from '@f2b/test-utils';

interface Fail2banJail {
  failregex: string[];
  ignoreregex: string[];
  prefregex: string | null;
  maxretry?: number;
  maxlines?: number;
  findtime?: number;
  bantime?: number;
  backend: string;
  actions: Record<string, Record<string, string | boolean | number>>;
}

const available = fail2banAvailable();
if (!available) console.log('config-reader differential test skipped: Debian fail2ban is not installed (apt-get install fail2ban)');
const upstream = findFail2banUpstream(import.meta.dirname);
if (upstream.dir === null) console.log(`config-reader differential on the upstream tree skipped: ${upstream.reason}`);

// Boolean action switches come back from Fail2Ban as Python booleans.
const BOOL_KEYS = new Set(['actionstart_on_demand', 'actionrepair_on_unban', 'norestored']);

function actionProperties(action: ActionSpec): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(action.options)) {
    out[key] = BOOL_KEYS.has(key) ? ['1', 'on', 'true', 'yes'].includes(value.toLowerCase()) : value;
  }
  for (const [cond, values] of Object.entries(action.conditional)) {
    for (const [key, value] of Object.entries(values)) out[`${key}?${cond}`] = value;
  }
  return out;
}

/**
 * The differential suite for one tree: `sourceDir` is copied into a temp dir; `pythonPath` is a
 * Fail2Ban source tree whose client is the reference (Debian's package when absent).
 */
/**
 * Fail2Ban 1.1 (gh-4069), which f2b follows: an argument a jail passes to an action (`blocktype=RETURN`)
 * also replaces the action's conditional variants (`blocktype?family=inet6`) unless the jail passes
 * those too. Fail2Ban 1.0.2 kept the variant; this applies the 1.1 rule to its dump, and nothing else.
 */
function withPassedConditionals(properties: Record<string, string | boolean | number>, action: ActionSpec): Record<string, string | boolean | number> {
  const out = { ...properties };
  for (const key of Object.keys(out)) {
    const cond = /^(\w+)\?/.exec(key);
    const passed = cond ? action.jailOptions[cond[1]!] : undefined;
    if (passed !== undefined && action.jailOptions[key] === undefined) out[key] = passed;
  }
  return out;
}

function describeDifferential(title: string, sourceDir: string, pythonPath: string | undefined, minJails: number, extraJails = ''): void {
describe(title, () => {
  let tree: TempTree;
  let theirs: Record<string, Fail2banJail>;
  let ours: ConfigSpec;
  let jailNames: string[];

  beforeAll(() => {
    tree = makeTempTree({}, 'f2b-diff-i20-');
    cpSync(sourceDir, tree.dir, { recursive: true });
    const all = readConfig(tree.dir, { includeDisabled: true });
    jailNames = all.jails.map((j) => j.name);
    mkdirSync(tree.path('logs'));
    const local = jailNames.map((name) => {
      const log = tree.path(`logs/${name}.log`);
      writeFileSync(log, '');
      return `[${name}]\nenabled = true\nlogpath = ${log}\n`;
    });
    if (extraJails !== '') {
      writeFileSync(tree.path('logs/extra.log'), '');
      local.push(extraJails.replaceAll('LOG', tree.path('logs/extra.log')));
    }
    writeFileSync(join(tree.dir, 'jail.local'), local.join('\n'));
    const script = join(import.meta.dirname, 'fixtures', 'fail2ban-dump.py');
    const env = { ...process.env, ...(pythonPath ? { PYTHONPATH: pythonPath } : {}) };
    const dump = JSON.parse(execFileSync(PYTHON, [script, tree.dir], { encoding: 'utf8', env })) as { jails: Record<string, Fail2banJail>; errors: string[] };
    expect(dump.errors).toEqual([]);
    theirs = dump.jails;
    ours = readConfig(tree.dir);
  });

  afterAll(() => tree?.remove());

  it('reads every jail of its jail.conf, with no errors', () => {
    expect(ours.errors).toEqual([]);
    expect(jailNames.length).toBeGreaterThan(minJails);
    expect(ours.jails.map((j) => j.name).sort()).toEqual(Object.keys(theirs).sort());
    console.log(`config-reader differential (${title}): ${ours.jails.length} jails compared with fail2ban-client -d`);
  });

  it('resolves the same filter regexes for every jail', () => {
    for (const jail of ours.jails) {
      const expected = theirs[jail.name]!;
      expect({ jail: jail.name, failregex: jail.filter.failregex }).toEqual({ jail: jail.name, failregex: expected.failregex });
      expect({ jail: jail.name, ignoreregex: jail.filter.ignoreregex }).toEqual({ jail: jail.name, ignoreregex: expected.ignoreregex });
      expect({ jail: jail.name, prefregex: jail.filter.prefregex }).toEqual({ jail: jail.name, prefregex: expected.prefregex });
      if (expected.maxlines !== undefined) expect({ jail: jail.name, maxlines: jail.filter.maxlines }).toEqual({ jail: jail.name, maxlines: expected.maxlines });
    }
  });

  it('resolves the same maxretry, findtime, bantime and backend for every jail', () => {
    for (const jail of ours.jails) {
      const expected = theirs[jail.name]!;
      const mine = { jail: jail.name, backend: jail.backend, maxretry: jail.maxretry, findtime: jail.findtime, bantime: jail.bantime };
      expect(mine).toEqual({ jail: jail.name, backend: expected.backend.replace(/\[.*$/, ''), maxretry: expected.maxretry, findtime: expected.findtime, bantime: expected.bantime });
    }
  });

  it('resolves the same action commands and [Init] parameters for every jail', () => {
    let compared = 0;
    for (const jail of ours.jails) {
      const expected = theirs[jail.name]!;
      expect({ jail: jail.name, actions: jail.actions.map((a) => a.name) }).toEqual({ jail: jail.name, actions: Object.keys(expected.actions) });
      for (const action of jail.actions) {
        expect({ jail: jail.name, action: action.name, properties: actionProperties(action) }).toEqual({
          jail: jail.name,
          action: action.name,
          properties: pythonPath ? expected.actions[action.name] : withPassedConditionals(expected.actions[action.name] ?? {}, action),
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(ours.jails.length);
  });
});
}

if (available) describeDifferential("Debian's /etc/fail2ban against Debian's fail2ban-client -d", FAIL2BAN_CONFIG_DIR, undefined, 50);
if (upstream.dir !== null) {
  // 1.1 (gh-4069): an argument the jail passes also replaces its [Init?family=inet6] variant.
  const passedToConditional = [
    '[f2b-passes-blocktype]', 'enabled = true', 'filter = sshd', 'logpath = LOG', 'action = iptables[blocktype=DROP, name=pb]', '',
    '[f2b-passes-both]', 'enabled = true', 'filter = sshd', 'logpath = LOG', 'action = iptables[blocktype=DROP, blocktype?family=inet6=RETURN, name=pc]', '',
  ].join('\n');
  describeDifferential("the upstream snapshot's config against its own fail2ban-client -d", join(upstream.dir, 'config'), upstream.dir, 50, passedToConditional);
}
