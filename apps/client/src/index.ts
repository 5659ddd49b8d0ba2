/** @module @f2b/client: the two commands as functions (argv and output in, exit status out), for scripts and tests. */
import { bundledConfigDir } from './_bundled-config.js';

export { runClient, type ClientIo } from './client/run.js';
export { runRegexCli, type CliIo } from './_regex-cli.js';

/** The root of the configuration tree shipped with f2b (the @f2b/config package). */
export const BUNDLED_CONFIG_DIR: string = bundledConfigDir();
