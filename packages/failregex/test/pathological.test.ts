import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { readFilter } from '@f2b/config-reader';
import { compileFilter } from '@f2b/failregex';
import { listFilterTrees } from './_trees.js';

const KIB100 = 100 * 1024;
/** Shapes that make naive regexes backtrack: long runs of separators, address-like and quote-like text. */
const PAYLOADS = ['a', ' ', 'a ', '1.2.', ':', 'f:', '[', '"x', 'user ', 'from ', '=', '%', '\\', '<>'];
const PREFIXES = ['', 'Jan  1 00:00:00 host sshd[1]: ', '2005-08-14 12:00:00 '];

function makeLines(): string[] {
  const lines: string[] = [];
  for (const prefix of PREFIXES) {
    for (const p of PAYLOADS) lines.push(prefix + p.repeat(Math.ceil(KIB100 / p.length)).slice(0, KIB100));
  }
  return lines;
}

describe('bounded regex input', () => {
  for (const tree of listFilterTrees()) {
    it(`feeds 100 KiB pathological lines to every ${tree.label} filter; each line is cut and processed`, { timeout: 60_000 }, () => {
      const lines = makeLines();
      let worst = { ms: 0, filter: '', line: -1 };
      let filters = 0;
      for (const name of tree.filters) {
        let spec;
        try {
          spec = readFilter(tree.confDir, name);
        } catch {
          continue; // include-only files (e.g. selinux-common) are not filters on their own
        }
        const filter = compileFilter(spec, { maxLineLength: 8192, now: () => 1124013600, detectDate: null });
        filters++;
        lines.forEach((line, i) => {
          const start = performance.now();
          const r = filter.processLine(line);
          const ms = performance.now() - start;
          expect(r.truncated).toBe(true);
          if (ms > worst.ms) worst = { ms, filter: name, line: i };
        });
      }
      expect(filters).toBeGreaterThan(0);
      // Reported, not asserted: timing depends on the machine. A runaway regex shows up as the timeout.
      console.log(`${tree.label}: ${filters} filters x ${lines.length} lines of 100 KiB; slowest line ${worst.ms.toFixed(1)} ms (${worst.filter}, payload ${worst.line})`);
    });
  }
});
