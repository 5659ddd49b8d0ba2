/** @module _workspace: the workspace's publishable packages (every non-private one), read from pnpm itself. */
import { execFileSync } from 'node:child_process';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `{ name, version, dir, short }` for each package `pnpm -r ls` lists that is not private; `short` is its folder name. */
export function publishablePackages() {
  const listed = JSON.parse(execFileSync('pnpm', ['-r', 'ls', '--json', '--depth', '-1'], { cwd: ROOT, encoding: 'utf8' }));
  return listed
    .filter((pkg) => pkg.private !== true && pkg.path !== ROOT)
    .map((pkg) => ({ name: pkg.name, version: pkg.version, dir: pkg.path, short: basename(pkg.path) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Packs each package with pnpm (which turns `workspace:*` into versions) into `destination`; returns name → tarball path. */
export function packAll(packages, destination) {
  const tarballs = new Map();
  for (const pkg of packages) {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', destination, '--json'], { cwd: pkg.dir, encoding: 'utf8' });
    const filename = JSON.parse(out).filename;
    tarballs.set(pkg.name, filename.startsWith('/') ? filename : join(destination, basename(filename)));
  }
  return tarballs;
}
