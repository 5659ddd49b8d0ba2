import { describe, expect, it } from 'vitest';
import { createDateDetector } from '@f2b/date-detector';
import { compileFilter, type Filter, type FilterDefinition, type LineResult } from '@f2b/failregex';
import { listFilterTrees, listSampledFilters } from './_trees.js';
import { defineFilter, detectIsoDate, NOW } from './_helpers.js';

/** Everything a line's result says, failures included (their lines never carry the newline). */
function describeResult(r: LineResult): unknown {
  return [r.failCount, r.nofail, r.pending, r.ignored, r.failregexHits, r.ignoreregexHits, r.prefregexMatched, r.dateTemplate, r.truncated, r.fails];
}

function compileFor(spec: FilterDefinition, countOnly: boolean): Filter {
  const detector = createDateDetector({ datepattern: spec.datepattern, now: () => NOW });
  return compileFilter(spec, { countOnly, checkAllRegex: true, now: () => NOW, detectDate: (line) => detector.detect(line) });
}

describe('lines given with their newline (terminated)', () => {
  it('match like the same lines without it: dated, undated, date inside the line, truncated, unterminated last line', () => {
    const spec = defineFilter({ failregex: ['^(?:\\S+ )?bad user from <HOST>\\s*$', '^\\[x\\] late date from <HOST>'] });
    const lines = [
      '2005-08-14 10:00:00 bad user from 192.0.2.1',
      'bad user from 192.0.2.2',
      '[x] late date from 192.0.2.3 at 2005-08-14 10:00:01',
      `2005-08-14 10:00:02 bad user from 192.0.2.4 ${'y'.repeat(50)}`,
    ];
    for (const maxLineLength of [8192, 40]) {
      const plain = compileFilter(spec, { detectDate: detectIsoDate, now: () => NOW, maxLineLength });
      const ended = compileFilter(spec, { detectDate: detectIsoDate, now: () => NOW, maxLineLength });
      for (const line of lines) {
        expect(describeResult(ended.processLine(`${line}\n`, { terminated: true })), line).toEqual(describeResult(plain.processLine(line)));
      }
      // a last line without a newline is taken as it is
      expect(describeResult(ended.processLine(lines[0] as string, { terminated: true }))).toEqual(describeResult(plain.processLine(lines[0] as string)));
    }
  });

  for (const tree of listFilterTrees()) {
    it(`match like plain lines on every sample log of the ${tree.label} tree`, () => {
      let compared = 0;
      let failures = 0;
      for (const { name, spec, lines } of listSampledFilters(tree)) {
        for (const countOnly of [false, true]) {
          const plain = compileFor(spec, countOnly);
          const ended = compileFor(spec, countOnly);
          for (const line of lines) {
            const a = plain.processLine(line);
            const b = ended.processLine(`${line}\n`, { terminated: true });
            expect(describeResult(b), `${name}: ${line}`).toEqual(describeResult(a));
            compared++;
            failures += a.failCount;
          }
        }
      }
      expect(compared).toBeGreaterThan(200);
      expect(failures).toBeGreaterThan(100);
    });
  }
});
