#!/usr/bin/env node
/** @module exports: publint and @arethetypeswrong/cli on the packed tarball of every publishable package. */
// Run after `pnpm build`: `node tooling/consumer/exports.mjs`. Both tools read the tarball, the same
// bytes npm would publish, so a file left out of `files` or an exports path that only resolves in
// the repo fails here.
// attw runs with `--profile esm-only`: every package is ESM only by design ("type": "module", exports
// with `types` + `default`, no `require` condition), so the CommonJS resolution modes (node10,
// node16 from CJS) are out of scope; the ESM modes (node16-esm, bundler) are all still checked.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { ROOT, packAll, publishablePackages } from './_workspace.mjs';

/** publint findings accepted on purpose, each with its reason. */
const ACCEPTED = [
  {
    name: '@f2b/client', code: 'BIN_FILE_NOT_EXECUTABLE', path: 'bin.f2b-regex',
    why: 'dist/f2b-regex.cjs starts with #!/bin/sh on purpose: a shell/JavaScript polyglot that starts node without NODE_EXTRA_CA_CERTS (see scripts/f2b-regex-launcher.cjs); f2b runs on Linux only, where npm links bins as they are',
  },
];

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const packages = publishablePackages();
const work = mkdtempSync(join(tmpdir(), 'f2b-exports-'));
let failed = 0;
try {
  const tarballs = packAll(packages, work);
  for (const pkg of packages) {
    const tarball = tarballs.get(pkg.name);
    const bytes = readFileSync(tarball);
    const linted = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) }, level: 'warning', strict: true });
    const problems = linted.messages.filter((m) => !ACCEPTED.some((a) => a.name === pkg.name && a.code === m.code && a.path === m.path.join('.')));
    report(pkg, 'publint', problems.length === 0, problems.map((m) => `  ${m.code}: ${formatMessage(m, linted.pkg, { color: false })}`).join('\n'));
    const attw = spawnSync(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'], { encoding: 'utf8', cwd: work });
    report(pkg, 'attw', attw.status === 0, `${attw.stdout}${attw.stderr}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`exports: ${packages.length * 2 - failed} passed, ${failed} failed`);

function report(pkg, tool, ok, details) {
  if (ok) {
    console.log(`ok ${pkg.name}: ${tool}`);
  } else {
    failed++;
    console.log(`FAIL ${pkg.name}: ${tool}\n${details}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
