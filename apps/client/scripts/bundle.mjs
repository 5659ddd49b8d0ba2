/** @module scripts/bundle: rewrites dist/f2b-regex.js as one self-contained ESM file (runs after `tsc -b`). */
// Why: f2b-regex is timed as a whole process, and resolving, reading and compiling
// ~80 small modules across the workspace packages cost ~25 ms of start-up, more than
// the work on a short log. One file keeps node: builtins external and inlines everything
// else (workspace packages via their built dist/, cli-progress). Not minified: stack
// traces of bugs stay readable, and minifying saved only ~2 ms (noise level).
import { chmodSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { build } from 'rolldown';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const outFile = join(dist, 'f2b-regex.js');

// The entry is src/f2b-regex.ts (plain JS apart from its name) and not the tsc output,
// because the bundle overwrites that output and `tsc -b` does not re-emit an up-to-date file.
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
    format: 'esm',
    // cli-progress is imported lazily (terminal only); keep it in the one file, still lazy.
    codeSplitting: false,
    sourcemap: false,
    minify: false,
  },
});

const text = readFileSync(outFile, 'utf8');
if (!text.startsWith('#!/usr/bin/env node\n')) throw new Error(`${outFile}: bundle lost its #! line`);
const stray = bundle.output.filter((chunk) => chunk.fileName !== 'f2b-regex.js');
if (stray.length > 0) throw new Error(`bundle wrote extra files: ${stray.map((c) => c.fileName).join(', ')}`);
chmodSync(outFile, statSync(outFile).mode | 0o111);
// tsc's map describes the file the bundle replaced; a stale map would mislead --enable-source-maps.
rmSync(`${outFile}.map`, { force: true });
console.log(`bundled ${relative(process.cwd(), outFile)} (${(text.length / 1024).toFixed(0)} KiB)`);
