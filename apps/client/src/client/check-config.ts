/** @module check-config: `-d` (dump the effective configuration) and `-t` (test it), through @f2b/config-reader. */
import { dumpConfig, readConfig } from '@f2b/config-reader';
import type { ClientContext } from './context.js';

/**
 * `-d`: prints the command stream the configuration amounts to, one JSON array per line.
 * `-t`: prints `OK: configuration test is successful`, or each problem and exits 255, like Fail2Ban.
 */
export function checkConfig(ctx: ClientContext, mode: 'dump' | 'test'): number {
  const spec = readConfig(ctx.confDir);
  for (const warning of spec.warnings) ctx.stderr(`WARNING: ${warning.message}`);
  for (const error of spec.errors) ctx.stderr(`ERROR: ${error.message}`);
  if (spec.errors.length > 0) {
    ctx.stderr(mode === 'test' ? 'ERROR: test configuration failed' : `ERROR: configuration in ${ctx.confDir} has errors`);
    return 255;
  }
  if (mode === 'dump') for (const command of dumpConfig(spec)) ctx.stdout(JSON.stringify(command));
  else ctx.stdout('OK: configuration test is successful');
  return 0;
}
