/** @module _failure-json: one failure as `f2b-regex --json` prints it (DESIGN.md's contract), shared with `pnpm conformance`. */
import type { Failure } from '@f2b/failregex';

/**
 * `id`, `host` (as captured), `time`, then every named capture that took part — the address groups
 * `ip4`/`ip6`/`dns`, `fid`, `<F-…>` fields, multi-line `users` — as Fail2Ban's ticket data carries
 * them (groups that did not take part are left out), `<F-PORT>` as `port`, and `matches`.
 */
export function formatFailureJson(f: Failure): Record<string, unknown> {
  const out: Record<string, unknown> = { id: f.id };
  if (f.host !== undefined) out['host'] = f.host;
  out['time'] = f.time;
  for (const [k, v] of Object.entries(f.fields)) {
    if (v === null) continue;
    out[k === 'fport' ? 'port' : k] = v;
  }
  out['matches'] = f.matches;
  return out;
}
