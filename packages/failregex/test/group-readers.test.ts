import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compileFilter, FilterRegex } from '@f2b/failregex';
import { compileGroupReader } from '../src/_group-readers.js';
import { defineFilter, NOW } from './_helpers.js';

const origin = { file: 'filter.d/test.conf', role: 'failregex', useDns: 'raw' as const };

/**
 * What a groupdict laid over `base` must be: `{ ...base, ...own }`, keys in that order, except that
 * an own group that took no part keeps the base's value (Fail2Ban 1.1's merge).
 */
function expected(m: RegExpExecArray, names: string[], indexes: number[], base: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  names.forEach((n, k) => {
    const v = m[indexes[k] as number] ?? null;
    if (v !== null || !(n in out)) out[n] = v;
  });
  return out;
}

describe('compiled group readers', () => {
  it('keep the base value of a group that took no part', () => {
    const m = /^(a)?(b)$/.exec('b') as RegExpExecArray;
    expect(compileGroupReader(['ip4', 'x'], [1, 2], ['ip4'])?.(m, { ip4: '192.0.2.5' })).toEqual({ ip4: '192.0.2.5', x: 'b' });
  });

  const m = /^(a)?(b)(c)?-(d*)$/.exec('b-dd') as RegExpExecArray;

  it('give the keys and values of { ...base, ...own } in the same order', () => {
    const cases: { names: string[]; indexes: number[]; base: Record<string, unknown> | null }[] = [
      { names: ['x', 'y', 'z'], indexes: [1, 2, 3], base: null },
      { names: ['user', 'ip4'], indexes: [2, 4], base: { mlfid: 'sshd[1]', user: 'old' } },
      { names: ['ip4'], indexes: [1], base: { mlfid: null, pid: '7' } },
      { names: ['ip4', 'user'], indexes: [1, 3], base: { ip4: '192.0.2.5', user: null } },
      { names: [], indexes: [], base: { only: 'base' } },
    ];
    for (const { names, indexes, base } of cases) {
      const read = compileGroupReader(names, indexes, base ? Object.keys(base) : []);
      const got = read?.(m, base);
      expect(got).toEqual(expected(m, names, indexes, base));
      expect(Object.keys(got ?? {})).toEqual(Object.keys(expected(m, names, indexes, base)));
    }
  });

  it('write any key as data: a name made to break out of the generated code stays a key', () => {
    const hostile = '"]: 1}; globalThis.pwned = true; ({"';
    const read = compileGroupReader([hostile, 'a\\b\u2028c'], [2, 4], ['`${x}`']);
    const got = read?.(m, { '`${x}`': 'base' });
    expect(got).toEqual({ '`${x}`': 'base', [hostile]: 'b', 'a\\b\u2028c': 'dd' });
    expect((globalThis as Record<string, unknown>)['pwned']).toBeUndefined();
    expect(() => compileGroupReader(['x'], [-1], [])).toThrow(RangeError);
  });
});

describe('FilterRegex groupdicts', () => {
  const written = '^(?P<pid>\\d+)? (?:user (?P<user>\\S+) )?from <HOST>$';
  const text = ' user bob from 192.0.2.7\n';

  it('are the same with a declared base, an undeclared one, and none', () => {
    const base = { mlfid: 'host sshd[9]: ', user: 'prefix-user' };
    const declared = new FilterRegex(written, { ...origin, baseGroups: ['mlfid', 'user'] });
    const plain = new FilterRegex(written, origin);
    const a = declared.search(text, [], base)?.groups;
    const b = plain.search(text, [], base)?.groups;
    expect(a).toEqual(b);
    expect(Object.keys(a ?? {})).toEqual(Object.keys(b ?? {}));
    expect(a).toMatchObject({ mlfid: 'host sshd[9]: ', user: 'bob', pid: null, ip4: '192.0.2.7' });
    expect(plain.search(text, [])?.groups).toEqual({ pid: null, user: 'bob', ip4: '192.0.2.7', ip6: null, dns: null });
  });

  it('give a fresh object per match, which the caller may change', () => {
    const fr = new FilterRegex(written, origin);
    const first = fr.search(text, [])?.groups as Record<string, string | null>;
    first['user'] = 'changed';
    expect(fr.search(text, [])?.groups['user']).toBe('bob');
  });

  it('list a prefregex\u2019s keys but one, or null when they depend on the match', () => {
    expect(new FilterRegex('^(?P<a>x)(?P<content>.*)(?P<b>y)?$', origin).exceptGroupNames('content')).toEqual(['a', 'b']);
    expect(new FilterRegex('^(?P<alt_user_1>x)?(?P<content>.*)$', origin).exceptGroupNames('content')).toBeNull();
  });

  it('come out the same where code generation is forbidden', () => {
    const script = `
      const { compileFilter } = await import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)});
      const spec = ${JSON.stringify(defineFilter({
        prefregex: '^<F-MLFID>\\S+ sshd\\[\\d+\\]:</F-MLFID> <F-CONTENT>.+</F-CONTENT>$',
        failregex: ['^Failed (?:password|publickey) for (?P<user>\\S+) from <HOST>$'],
      }))};
      const filter = compileFilter(spec, { now: () => ${NOW} });
      let generates = true;
      try { new Function('return 1'); } catch { generates = false; }
      const fields = filter.processLine('srv sshd[42]: Failed password for root from 192.0.2.9').fails.map((f) => f.fields);
      console.log(JSON.stringify({ generates, fields }));`;
    const run = (flags: string[]): { generates: boolean; fields: unknown } =>
      JSON.parse(execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' }));
    const forbidden = run(['--disallow-code-generation-from-strings']);
    const allowed = run([]);
    expect([forbidden.generates, allowed.generates]).toEqual([false, true]);
    expect(forbidden.fields).toEqual(allowed.fields);
    expect(forbidden.fields).toEqual([{ mlfid: 'srv sshd[42]:', user: 'root', users: ['root'], ip4: '192.0.2.9' }]);
  });
});

describe('filters on declared prefregex groups', () => {
  it('report the same failures as Fail2Ban\u2019s { ...prefregex groups, ...failregex groups }', () => {
    const spec = defineFilter({
      prefregex: '^(?P<host>\\S+) (?P<daemon>\\w+)(?:\\[(?P<pid>\\d+)\\])?: <F-CONTENT>.+</F-CONTENT>$',
      failregex: ['^bad login (?P<user>\\S+) from <HOST>$', '^probe from <HOST> as (?P<pid>\\S+)$'],
    });
    const filter = compileFilter(spec, { now: () => NOW });
    const [login] = filter.processLine('srv auth[7]: bad login eve from 192.0.2.1').fails;
    expect(Object.keys(login?.fields ?? {})).toEqual(['host', 'daemon', 'pid', 'user', 'ip4']);
    expect(login?.fields).toEqual({ host: 'srv', daemon: 'auth', pid: '7', user: 'eve', ip4: '192.0.2.1' });
    // the failregex's own pid wins, in the prefregex's place
    const [probe] = filter.processLine('srv scan: probe from 192.0.2.2 as x1').fails;
    expect(probe?.fields).toEqual({ host: 'srv', daemon: 'scan', pid: 'x1', ip4: '192.0.2.2' });
    expect(Object.keys(probe?.fields ?? {})).toEqual(['host', 'daemon', 'pid', 'ip4']);
  });

  it('keep an address the prefregex captured when the failregex’s own optional address took no part (Fail2Ban 1.1)', () => {
    for (const user of ['(?P<user>\\S+)', '(?P<alt_user_1>\\S+)']) {
      const spec = defineFilter({
        prefregex: '^\\S+ auth\\((?:\\S*,<ADDR>)?\\): <F-CONTENT>.+</F-CONTENT>$',
        failregex: [`^(?:check\\(<ADDR>\\): )?mismatch for ${user}$`],
      });
      const filter = compileFilter(spec, { now: () => NOW });
      const [fromPrefix] = filter.processLine('srv auth(u,192.0.2.3): mismatch for eve').fails;
      expect(fromPrefix).toMatchObject({ id: '192.0.2.3', fields: { ip4: '192.0.2.3', user: 'eve' } });
      // The failregex's own address, when it took part, still wins.
      const [own] = filter.processLine('srv auth(u,192.0.2.3): check(198.51.100.4): mismatch for eve').fails;
      expect(own?.id).toBe('198.51.100.4');
    }
  });
});
