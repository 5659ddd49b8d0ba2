/** @module scripts/bundle: builds f2b-regex's bin: one CommonJS bundle, its launcher and V8 code cache (runs after `tsc -b`). */
// Why: f2b-regex is timed as a whole process, and resolving, reading and compiling
// ~80 small modules across the workspace packages cost ~25 ms of start-up, more than
// the work on a short log. One file keeps node: builtins external and inlines everything
// else (workspace packages via their built dist/, cli-progress). Not minified: stack
// traces of bugs stay readable, and minifying saved only ~2 ms (noise level).
// CommonJS, not ESM: a classic script can be compiled from V8's code cache (vm.Script cachedData),
// which the launcher dist/f2b-regex.cjs (from scripts/f2b-regex-launcher.cjs) does; that cut
// another 10-17 ms (min of interleaved runs, one-line log). The cache is made here by one run
// on a sample log from packages/config.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { build } from 'rolldown';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const outFile = join(dist, 'f2b-regex-bundle.cjs');
const cacheFile = `${outFile}.cache`;
const launcher = join(dist, 'f2b-regex.cjs');
const configDir = resolve(root, '..', '..', 'packages', 'config');

// The entry is src/f2b-regex.ts (plain JS apart from its name) and not the tsc output, which
// is deleted below (a second, slower way to start f2b-regex would only mislead).
// Its relative imports go to the tsc output in dist/, so the bundled code is exactly what
// tsc emitted; dist/ is also where import.meta.url must point (BUNDLED_CONFIG_DIR).
/** @type {import('rolldown').Plugin} */
const srcToDist = {
  name: 'f2b-src-to-dist',
  resolveId(source, importer) {
    if (importer === undefined || !source.startsWith('.')) return null;
    const from = relative(src, dirname(importer));
    if (from.startsWith('..') || from.startsWith(sep)) return null;
    return join(dist, from, source);
  },
};

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

const bundle = await build({
  input: join(src, 'f2b-regex.ts'),
  platform: 'node',
  external: (id) => builtins.has(id),
  plugins: [srcToDist],
  logLevel: 'warn',
  write: true,
  output: {
    file: outFile,
    format: 'cjs',
    // cli-progress is imported lazily (terminal only); keep it in the one file, still lazy.
    codeSplitting: false,
    sourcemap: false,
    minify: false,
  },
});

let text = readFileSync(outFile, 'utf8');
if (text.startsWith('#!')) throw new Error(`${outFile}: the bundle is not run directly and must not start with #!`);
const stray = bundle.output.filter((chunk) => chunk.fileName !== 'f2b-regex-bundle.cjs');
if (stray.length > 0) throw new Error(`bundle wrote extra files: ${stray.map((c) => c.fileName).join(', ')}`);
// The launcher trusts a cache only if it starts with this bundle's id (its last line).
const buildId = createHash('sha256').update(text).digest('hex').slice(0, 32);
text = `${text.endsWith('\n') ? text : `${text}\n`}// f2b-build-id: ${buildId}\n`;
writeFileSync(outFile, text);
copyFileSync(join(root, 'scripts', 'f2b-regex-launcher.cjs'), launcher);
chmodSync(launcher, statSync(launcher).mode | 0o111);
// tsc's own entry (and its map) would be a second, unbundled bin; the .d.ts files stay.
for (const old of ['f2b-regex.js', 'f2b-regex.js.map']) rmSync(join(dist, old), { force: true });

// One run on a small sample exercises the code paths of a normal run (filter loading, date
// detection, matching, the report), so the cache holds those functions compiled too.
rmSync(cacheFile, { force: true });
execFileSync(process.execPath, [launcher, join(configDir, 'test', 'logs', 'sshd'), 'sshd', '-c', configDir], {
  env: { ...process.env, F2B_REGEX_WRITE_CODE_CACHE: '1', F2B_REGEX_CODE_CACHE_DEBUG: '0' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const cacheSize = statSync(cacheFile).size;
console.log(`bundled ${relative(process.cwd(), outFile)} (${(text.length / 1024).toFixed(0)} KiB), code cache ${(cacheSize / 1024).toFixed(0)} KiB`);
