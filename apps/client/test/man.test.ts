import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderManPage } from '@f2b/test-utils';
import { GRAMMAR } from '@f2b/transmitter';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../src/client/args.js';
import { REGEX_USAGE } from '../src/_regex-args.js';

const man = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'man');
const manifest = JSON.parse(readFileSync(join(man, '..', '..', 'package.json'), 'utf8')) as { man: string[] };

/** The page as `man -l` shows it; groff and man must print no warning. */
const render = (page: string): string => renderManPage(man, page);

/** The long (or only) flag of each option row of a usage block, e.g. `--conf`, `-d`. */
function flagsOf(usage: string): string[] {
  const block = usage.split(/\n\s*\n/).find((b) => b.startsWith('Options:')) ?? '';
  return [...block.matchAll(/^\s+(-[^\s,/]+)(?:, (--\S+))?/gm)].map((m) => m[2] ?? (m[1] as string));
}

describe('man pages (generated from the --help texts at build time)', () => {
  it('are declared in package.json and installed from dist/', () => {
    expect(manifest.man).toEqual(['./dist/man/f2b-client.1', './dist/man/f2b-regex.1']);
  });

  it('f2b-client(1) renders with every option of -h and every command of the grammar', () => {
    const text = render('f2b-client.1');
    expect(text).toMatch(/^F2B-CLIENT\(1\)/);
    for (const heading of ['NAME', 'SYNOPSIS', 'OPTIONS', 'COMMANDS', 'EXIT STATUS', 'SEE ALSO']) expect(text).toMatch(new RegExp(`^${heading}$`, 'm'));
    const flags = flagsOf(USAGE);
    expect(flags.length).toBeGreaterThan(8);
    for (const flag of flags) expect(text).toContain(flag);
    const flat = text.replace(/\s+/g, ' ');
    for (const { usage } of GRAMMAR) expect(flat).toContain(usage.replace(/[<>]/g, ''));
  });

  it('f2b-regex(1) renders with the arguments and every option of --help', () => {
    const text = render('f2b-regex.1');
    expect(text).toMatch(/^F2B-REGEX\(1\)/);
    for (const word of ['ARGUMENTS', 'LOG', 'FILTER', 'IGNOREREGEX', 'EXIT STATUS']) expect(text).toMatch(new RegExp(`^\\s*${word}\\b`, 'm'));
    const flags = flagsOf(REGEX_USAGE);
    expect(flags).toContain('--print-all-missed');
    for (const flag of flags) expect(text).toContain(flag);
  });
});
