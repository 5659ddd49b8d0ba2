/** @module launcher.test: the built f2b-regex bin (dist/f2b-regex.cjs) with a good, missing, stale, corrupt or unreadable V8 code cache. */
// Spawns the BUILT launcher (the suite runs after `pnpm build`). Cases that spoil the cache work on
// copies in a temp dir, so the real dist/ stays intact for tests running in parallel.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempTree } from '@f2b/test-utils';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const CONFIG = resolve(DIST, '..', '..', '..', 'packages', 'config');
const SAMPLE = join(CONFIG, 'test', 'logs', 'sshd');
const LAUNCHER = 'f2b-regex.cjs';
const BUNDLE = 'f2b-regex-bundle.cjs';
const CACHE = `${BUNDLE}.cache`;
const ID_LENGTH = 32;

interface Run { code: number | null; out: string; err: string; cache: string }

/** Runs a launcher with the cache state printed first on stderr; `cache` is that state. */
function runLauncher(dir: string, args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [join(dir, LAUNCHER), ...args], {
    encoding: 'utf8',
    env: { ...process.env, F2B_REGEX_CODE_CACHE_DEBUG: '1', F2B_REGEX_WRITE_CODE_CACHE: '' },
    maxBuffer: 1 << 24,
  });
  const m = /^f2b-regex: code cache (\w+)\n/.exec(r.stderr);
  return { code: r.status, out: r.stdout, err: r.stderr.slice(m?.[0].length ?? 0), cache: m?.[1] ?? '(none printed)' };
}

/** The human report without its timing line, which differs between runs. */
const stripTiming = (out: string): string => out.replace(/^\[processed in .*\]$/m, '[processed]');

const JSON_ARGS = ['--json', '--now', '1124013600', '-c', CONFIG, SAMPLE, 'sshd'];
const REPORT_ARGS = ['-c', CONFIG, SAMPLE, 'sshd'];

const trees: { remove(): void }[] = [];
afterAll(() => { for (const t of trees) t.remove(); });

/** A temp copy of the launcher and bundle, with `cache` as the cache file (undefined: none). */
function copyDist(cache?: Buffer | 'dir', bundle?: string): string {
  const tree = makeTempTree({}, 'f2b-launcher-');
  trees.push(tree);
  copyFileSync(join(DIST, LAUNCHER), tree.path(LAUNCHER));
  if (bundle === undefined) copyFileSync(join(DIST, BUNDLE), tree.path(BUNDLE));
  else writeFileSync(tree.path(BUNDLE), bundle);
  if (cache === 'dir') mkdirSync(tree.path(CACHE));
  else if (cache !== undefined) writeFileSync(tree.path(CACHE), cache);
  return tree.dir;
}

const realCache = (): Buffer => readFileSync(join(DIST, CACHE));
const bundleText = (): string => readFileSync(join(DIST, BUNDLE), 'utf8');

describe('f2b-regex launcher (built)', () => {
  const expectedJson = runLauncher(copyDist(), JSON_ARGS);
  const expectedReport = runLauncher(copyDist(), REPORT_ARGS);

  it('runs without a cache: exit 0, one JSON object per line, nothing on stderr', () => {
    expect(expectedJson.cache).toBe('absent');
    expect(expectedJson.err).toBe('');
    expect(expectedJson.code).toBe(0);
    const rows = expectedJson.out.trim().split('\n').map((l) => JSON.parse(l) as { fails: unknown[] });
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.some((r) => r.fails.length > 0)).toBe(true);
    expect(expectedReport.code).toBe(0);
    expect(expectedReport.out).toMatch(/^Lines: \d+ lines, \d+ ignored, [1-9]\d* matched, \d+ missed$/m);
  });

  it('uses the cache the build wrote, with the same output', () => {
    const json = runLauncher(DIST, JSON_ARGS);
    expect(json.cache).toBe('accepted');
    expect(json).toEqual({ ...expectedJson, cache: 'accepted' });
    const report = runLauncher(DIST, REPORT_ARGS);
    expect(report.cache).toBe('accepted');
    expect(stripTiming(report.out)).toBe(stripTiming(expectedReport.out));
    expect([report.code, report.err]).toEqual([0, '']);
  });

  it.each([
    ['corrupt bytes after the right build id', () => Buffer.concat([realCache().subarray(0, ID_LENGTH), randomBytes(4096)]), 'rejected'],
    ['random bytes', () => randomBytes(realCache().length), 'stale'],
    ['an empty file', () => Buffer.alloc(0), 'stale'],
    ['a directory (unreadable)', () => 'dir' as const, 'absent'],
  ])('falls back to a normal compile on a cache of %s, with the same output', (_name, makeCache, state) => {
    const dir = copyDist(makeCache());
    const json = runLauncher(dir, JSON_ARGS);
    expect(json).toEqual({ ...expectedJson, cache: state });
    const report = runLauncher(dir, REPORT_ARGS);
    expect(stripTiming(report.out)).toBe(stripTiming(expectedReport.out));
    expect([report.code, report.err, report.cache]).toEqual([0, '', state]);
  });

  it('ignores the cache of another build even when the bundle has the same length', () => {
    // V8 checks only the source's length: without the id check the old bytecode would run.
    const text = bundleText();
    expect(text).toContain('lines, ${');
    const changed = text.replace('lines, ${', 'LINES, ${').replace(/[0-9a-f]{32}\n$/, `${'0'.repeat(ID_LENGTH)}\n`);
    expect(changed.length).toBe(text.length);
    const r = runLauncher(copyDist(realCache(), changed), REPORT_ARGS);
    expect(r.cache).toBe('stale');
    expect(r.out).toMatch(/^Lines: \d+ LINES, /m);
    expect(stripTiming(r.out.replace('LINES', 'lines'))).toBe(stripTiming(expectedReport.out));
  });

  it('run as a program, starts Node without NODE_EXTRA_CA_CERTS and passes every argument as given', () => {
    // A CA file that cannot be read makes Node warn at start-up: the warning shows whether it was read.
    const certsWarning = 'Ignoring extra certs from';
    const tree = makeTempTree({ 'log with spaces $(touch pwned) "q".log': readFileSync(SAMPLE, 'utf8') }, 'f2b-launcher-args-');
    trees.push(tree);
    const log = tree.path('log with spaces $(touch pwned) "q".log');
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: tree.path('missing-ca.pem'), F2B_REGEX_CODE_CACHE_DEBUG: '1' };
    const options = { encoding: 'utf8' as const, env, cwd: tree.dir, maxBuffer: 1 << 24 };
    const direct = spawnSync(join(DIST, LAUNCHER), ['--json', '--now', '1124013600', '-c', CONFIG, log, 'sshd'], options);
    expect(direct.stderr).not.toContain(certsWarning);
    // the rest of the environment arrives (the debug variable prints the cache state)
    expect(direct.stderr).toBe('f2b-regex: code cache accepted\n');
    expect([direct.status, direct.stdout]).toEqual([0, expectedJson.out]);
    expect(existsSync(tree.path('pwned'))).toBe(false);
    // through node the shell is skipped: the variable stays, and Node reads (here: fails to read) it
    const viaNode = spawnSync(process.execPath, [join(DIST, LAUNCHER), '-c', CONFIG, log, 'sshd'], options);
    expect(viaNode.stderr).toContain(certsWarning);
    expect(viaNode.status).toBe(0);
  });

  it('prints a bad filter name in one line on stderr and exits 2, no stack', () => {
    const r = runLauncher(DIST, ['-c', CONFIG, SAMPLE, 'nosuchfilter']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^f2b-regex: no filter 'nosuchfilter' in .*\n$/);
    expect(r.err.split('\n')).toHaveLength(2);
  });

  it('prints the usage for --help and exits 0', () => {
    const r = runLauncher(DIST, ['--help']);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/LOG/);
    expect(r.out).toMatch(/FILTER/);
  });

  it.each([
    ['a throw while the bundle loads', "(() => { throw new Error('boom'); })("],
    ['an unhandled rejection', "(async () => { throw new Error('boom'); })("],
  ])('exits 1 with a stack trace naming the bundle on %s', (_name, call) => {
    const text = bundleText();
    const entry = 'runRegexCli(process.argv.slice(2), {';
    expect(text).toContain(entry);
    const line = text.slice(0, text.lastIndexOf(entry)).split('\n').length;
    const at = text.lastIndexOf(entry);
    const dir = copyDist(undefined, `${text.slice(0, at)}${call}${text.slice(at + 'runRegexCli('.length)}`);
    const r = runLauncher(dir, ['-c', CONFIG, SAMPLE, 'sshd']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('Error: boom');
    expect(r.err).toContain(`${join(dir, BUNDLE)}:${line}:`);
  });
});
