import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderManPage } from '@f2b/test-utils';
import { GRAMMAR } from '@f2b/transmitter';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../src/_args.js';

const man = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'man');
const manifest = JSON.parse(readFileSync(join(man, '..', '..', 'package.json'), 'utf8')) as { man: string[] };

/** The page as `man -l` shows it; groff and man must print no warning. */
const render = (page: string): string => renderManPage(man, page);

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
