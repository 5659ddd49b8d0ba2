#!/usr/bin/env node
/** @module version-dry-run: `changeset version` in a throw-away clone of HEAD; prints the bumps and checks every named package gets its CHANGELOG entry. */
// Why a clone: `changeset version` rewrites package.json files and deletes the changesets; the
// repository itself must only change when a release is really cut (see RELEASING.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const work = mkdtempSync(join(tmpdir(), 'f2b-release-'));
const clone = join(work, 'repo');
const problems = [];
try {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, clone]);
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
  const named = namedPackages(join(clone, '.changeset'));
  const before = versions(clone);
  execFileSync(join(clone, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: clone, stdio: ['ignore', 'ignore', 'inherit'] });
  const after = versions(clone);
  const left = readdirSync(join(clone, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  if (left.length > 0) problems.push(`changesets not consumed: ${left.join(', ')}`);
  for (const [name, { dir, version }] of after) {
    const old = before.get(name)?.version;
    if (old !== version) console.log(`${name}: ${old} -> ${version}`);
    if (!named.has(name)) continue;
    const changelog = join(dir, 'CHANGELOG.md');
    if (old === version) problems.push(`${name} has changesets but was not bumped`);
    else if (!existsSync(changelog) || !readFileSync(changelog, 'utf8').includes(`## ${version}`)) problems.push(`${name}: CHANGELOG.md has no "## ${version}" section`);
  }
  if (named.size === 0) console.log('no pending changesets');
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const problem of problems) console.error(`release: ${problem}`);
console.log(`release dry run: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}`);
process.exitCode = problems.length === 0 ? 0 : 1;

/** Package names that pending changesets bump (their front matter). */
function namedPackages(dir) {
  const names = new Set();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, file), 'utf8'));
    for (const match of front?.[1].matchAll(/^["']?(@?[^"':]+)["']?\s*:/gm) ?? []) names.add(match[1]);
  }
  return names;
}

/** name → { dir, version } of every non-private workspace package under packages/ and apps/. */
function versions(repo) {
  const out = new Map();
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(repo, group))) {
      const file = join(repo, group, entry, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.private !== true) out.set(manifest.name, { dir: join(repo, group, entry), version: manifest.version });
    }
  }
  return out;
}
