#!/usr/bin/env node
/** @module consumer: packs every publishable @f2b/* package, installs the tarballs with plain npm into a fresh project outside the workspace, and runs one check per package there. */
// Why: the workspace links packages to each other's sources and folders, which hides a missing
// `files` entry, an `exports` path that only resolves in the repo, or a `workspace:` range. Here
// each package is only what its tarball holds, installed the way a user installs it.
// Needs `pnpm build` first (the tarballs hold dist/). Run: `node tooling/consumer/run.mjs [--keep]`.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, packAll, publishablePackages } from './_workspace.mjs';
import { readmeUsage } from './_readme.mjs';

const CHECKS = join(ROOT, 'tooling', 'consumer', 'checks');
const keep = process.argv.includes('--keep');
const started = Date.now();

const packages = publishablePackages();
const missingChecks = packages.filter((pkg) => !existsSync(join(CHECKS, `${pkg.short}.mjs`)));
if (missingChecks.length > 0) fail(`no consumer check for ${missingChecks.map((p) => p.name).join(', ')}: add tooling/consumer/checks/<folder>.mjs`);
for (const pkg of packages) {
  const manifest = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8'));
  for (const target of exportTargets(manifest.exports)) {
    if (!existsSync(join(pkg.dir, target))) fail(`${pkg.name}: exports target ${target} is missing (run \`pnpm build\` first)`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'f2b-consumer-i17-'));
const project = join(work, 'project');
if (!relative(ROOT, work).startsWith('..')) fail(`${work} is inside the workspace`);
const readmeTmp = join(work, 'tmp');
mkdirSync(project);
mkdirSync(readmeTmp);
try {
  const tarballs = packAll(packages, work);
  // Every @f2b/* dependency resolves to its tarball (overrides also cover the packages' own dependencies
  // on each other), so nothing can come from the workspace or a registry under the same name.
  const deps = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'f2b-consumer', private: true, type: 'module', dependencies: deps, overrides: deps }, null, 2)}\n`);
  // better-sqlite3 compiles from source here (node-gyp; JOBS=max uses every core for it).
  const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr', JOBS: 'max' };
  delete env.npm_config_workspace_dir;
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, env });
  for (const pkg of packages) {
    const installed = join(project, 'node_modules', pkg.name);
    if (lstatSync(installed).isSymbolicLink()) fail(`${pkg.name} is installed as a link, not from its tarball`);
  }
  let passed = 0;
  for (const pkg of packages) {
    copyFileSync(join(CHECKS, `${pkg.short}.mjs`), join(project, `check-${pkg.short}.mjs`));
    runStep(`${pkg.name}: check`, ['node', `check-${pkg.short}.mjs`]);
    passed++;
    // The README as shipped: its first `js` block under "## Usage" runs as written and prints what the
    // README shows. Its /tmp/ paths move into this run's own folder, so parallel runs cannot collide.
    const usage = readmeUsage(readFileSync(join(project, 'node_modules', pkg.name, 'README.md'), 'utf8'));
    if (usage !== null) {
      const privateTmp = (text) => text.replaceAll('/tmp/', `${readmeTmp}/`);
      writeFileSync(join(project, `readme-${pkg.short}.mjs`), privateTmp(usage.code));
      const stdout = runStep(`${pkg.name}: README usage`, ['node', `readme-${pkg.short}.mjs`]);
      if (usage.output !== null && stdout.trim() !== privateTmp(usage.output).trim()) {
        fail(`${pkg.name}: the README's Usage example printed\n${stdout}\ninstead of what the README shows:\n${usage.output}`);
      }
      passed++;
    }
  }
  console.log(`consumer: ${passed} passed, 0 failed (${packages.length} packages from tarballs, ${((Date.now() - started) / 1000).toFixed(1)} s)`);

  function runStep(title, [command, ...args]) {
    const result = spawnSync(command, args, { cwd: project, env: { ...env, TZ: 'Europe/Zurich' }, encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) {
      process.stderr.write(`${result.stdout}${result.stderr}`);
      fail(`${title} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}) in ${project}`);
    }
    console.log(`ok ${title}`);
    return result.stdout;
  }
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/** Every file path an `exports` map can resolve to (wildcard targets are left out). */
function exportTargets(exports) {
  if (typeof exports === 'string') return exports.includes('*') ? [] : [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

function run(command, args, options) {
  execFileSync(command, args, { ...options, stdio: ['ignore', 'inherit', 'inherit'] });
}

function fail(message) {
  console.error(`consumer: ${message}`);
  process.exit(1);
}
