/** @module @f2b/config: where the configuration tree shipped with f2b lies, for code that reads it. */
import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the bundled tree (this package's root: fail2ban.conf, jail.conf, filter.d, action.d);
 * pass it to `readConfig` of @f2b/config-reader, or to `f2b-server -c` / `f2b-regex -c`.
 * From src/ (tests) and from dist/ (installed) alike, the root is one level up.
 */
export const configDir: string = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
