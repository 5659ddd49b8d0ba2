/** @module _bundled-config: where the client finds the configuration tree shipped with f2b (@f2b/config). */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

let found: string | undefined;

/**
 * The @f2b/config package's root, found as Node finds the package (packages/config in the repo,
 * node_modules/@f2b/config when installed). Resolved at run time, not imported: f2b-regex is
 * bundled into one file, where the package's own `import.meta.url` would point at the bundle.
 * Resolved on first use: the lookup costs ~2.5 ms, which `f2b-regex -c DIR` need not pay.
 */
export function bundledConfigDir(): string {
  found ??= dirname(createRequire(import.meta.url).resolve('@f2b/config/package.json'));
  return found;
}
