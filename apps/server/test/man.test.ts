import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRAMMAR } from '@f2b/transmitter';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../src/_args.js';

const man = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'man');
const manifest = JSON.parse(readFileSync(join(man, '..', '..', 'package.json'), 'utf8')) as { man: string[] };

/** The page as `man -l` shows it (plain text, 80 columns); groff's warnings (-ww) must be none. */
function render(page: string): string {
  const file = join(man, page);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` before \`pnpm test\``);
  const lint = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z', file], { encoding: 'utf8' });
  expect([lint.status, lint.stderr]).toEqual([0, '']);
  const shown = spawnSync('man', ['-l', file], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '80', MANPAGER: 'cat', PAGER: 'cat' } });
  expect([shown.status, shown.stderr]).toEqual([0, '']);
  return shown.stdout;
}

describe('man pages (generated from the --help texts and the command grammar at build time)', () => {
  it('are declared in package.json and installed from dist/', () => {
    expect(manifest.man).toEqual(['./dist/man/f2b-server.8', './dist/man/jail.conf.5']);
  });

  it('f2b-server(8) renders with every option of --help', () => {
    const text = render('f2b-server.8');
    expect(text).toMatch(/^F2B-SERVER\(8\)/);
    const flags = [...USAGE.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1] as string);
    expect(flags).toContain('--foreground');
    for (const flag of flags) expect(text).toContain(flag);
    expect(text).toMatch(/^SIGNALS$/m);
  });

  it('jail.conf(5) lists every setting the grammar can set, as a file setting', () => {
    const text = render('jail.conf.5');
    expect(text).toMatch(/^JAIL\.CONF\(5\)/);
    const settable = GRAMMAR.map((g) => /^set <JAIL> ([a-z.]+) /.exec(g.usage)?.[1]).filter((n): n is string => n !== undefined);
    const expected = settable.filter((n) => !/^(del|idle|attempt|banip|unbanip|action$)/.test(n)).map((n) => n.replace(/^add/, ''));
    expect(expected).toEqual(expect.arrayContaining(['bantime', 'maxretry', 'logpath', 'failregex', 'action']));
    for (const name of [...expected, 'enabled', 'filter', 'backend', 'loglevel', 'dbfile', 'socket']) expect(text).toMatch(new RegExp(`^ {7}${name.replace('.', '\\.')} = `, 'm'));
  });
});
