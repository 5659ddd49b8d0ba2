/** @module @f2b/client: the two commands as functions (argv and output in, exit status out), for scripts and tests. */
export { runClient, type ClientIo } from './client/run.js';
export { runRegexCli, type CliIo } from './_regex-cli.js';
export { BUNDLED_CONFIG_DIR } from './_bundled-config.js';
