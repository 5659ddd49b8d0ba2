import { describe, expect, it } from 'vitest';
import { createDateDetector } from '@f2b/date-detector';
import { compileFilter, type FilterDefinition } from '@f2b/failregex';
import { listFilterTrees, listSampledFilters } from './_trees.js';

/** The address an attacker tries to get banned instead of (or besides) their own. */
const VICTIM = '198.51.100.250';
/** Ways to smuggle VICTIM through a user name or other free text (Fail2Ban's "Filter Security" examples and kin). */
const INJECTIONS = [
  `x from ${VICTIM} port 22 ssh2`, `x from ${VICTIM}`, VICTIM, `x@${VICTIM}`, `[${VICTIM}]`, `(${VICTIM})`,
  `x rhost=${VICTIM}`, `x ip=${VICTIM}`, `x client ${VICTIM}`, `x: ${VICTIM}`,
];
const URL_INJECTIONS = [`/?ip=${VICTIM}`, `/${VICTIM}`, `/x" 401 0 "${VICTIM}`];
const NOW = 1124013600;
/**
 * Leaks that are Fail2Ban's own filter behaviour, not the engine's: Debian's sshd takes the user of an
 * `Accepted …` line as \S+, and that user is an existing account (no spaces), so an attacker cannot choose it.
 */
const KNOWN_FILTER_LEAKS: readonly RegExp[] = [/^debian\/sshd: .* sshd\[\d+\]: Accepted \w+ for x from /];
const REPLAY = 40;

function runLines(spec: FilterDefinition, lines: readonly string[]) {
  const detector = createDateDetector({ datepattern: spec.datepattern, now: () => NOW });
  const filter = compileFilter(spec, { useDns: 'raw', now: () => NOW, detectDate: (l) => detector.detect(l) });
  return lines.map((l) => filter.processLine(l));
}

/** Variants of `line` with a captured free-text field (user …) or a request path replaced by an injection. */
function injectInto(line: string, fields: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v !== 'string' || v.length < 2 || ['ip4', 'ip6', 'dns', 'fid', 'ip', 'mlfid', 'cidr'].includes(k)) continue;
    const at = line.indexOf(v);
    if (at < 0 || line.indexOf(v, at + 1) >= 0) continue;
    for (const inj of INJECTIONS) out.push(line.slice(0, at) + inj + line.slice(at + v.length));
  }
  const req = /"(?:GET|POST|HEAD|PUT) (\S+)/.exec(line);
  if (req) {
    const at = req.index + req[0].length - (req[1] as string).length;
    for (const inj of URL_INJECTIONS) out.push(line.slice(0, at) + inj + line.slice(at + (req[1] as string).length));
  }
  return out;
}

describe('filter security: injected addresses are never reported', () => {
  for (const tree of listFilterTrees()) {
    it(`holds for every ${tree.label} filter with its sample log`, { timeout: 60_000 }, () => {
      let attempts = 0;
      const leaks: string[] = [];
      for (const { name, spec, lines, log } of listSampledFilters(tree)) {
        if (lines.some((l) => l.includes(VICTIM))) throw new Error(`${log} already contains ${VICTIM}`);
        const results = runLines(spec, lines);
        results.forEach((r, i) => {
          for (const fail of r.fails) {
            for (const variant of injectInto(lines[i] as string, fail.fields)) {
              attempts++;
              const context = lines.slice(Math.max(0, i - REPLAY), i);
              const replay = runLines(spec, [...context, variant]);
              const last = replay[replay.length - 1]!;
              for (const f of last.fails) {
                if (f.id === VICTIM || f.host === VICTIM) leaks.push(`${tree.label}/${name}: ${variant}`);
              }
            }
          }
        });
      }
      console.log(`${tree.label}: ${attempts} injected lines, ${leaks.length} leaks (known Fail2Ban filter behaviour: ${leaks.filter((l) => KNOWN_FILTER_LEAKS.some((k) => k.test(l))).length})`);
      expect(attempts).toBeGreaterThan(0);
      expect(leaks.filter((l) => !KNOWN_FILTER_LEAKS.some((k) => k.test(l)))).toEqual([]);
    });
  }
});
