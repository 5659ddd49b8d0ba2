import { describe, expect, it } from 'vitest';
import { createDateDetector } from '@f2b/date-detector';
import { compileFilter, type Filter, type FilterOptions, type LineResult } from '@f2b/failregex';
import { listFilterTrees, listSampledFilters } from './_trees.js';
import { defineFilter, detectIsoDate, NOW } from './_helpers.js';

/** What a summary reads from a line's result. */
function summarize(r: LineResult): unknown {
  return [r.failCount, r.nofail, r.pending, r.ignored, r.failregexHits, r.ignoreregexHits, r.prefregexMatched, r.dateTemplate];
}

function compileBoth(spec: Parameters<typeof compileFilter>[0], extra: FilterOptions): [Filter, Filter] {
  const make = (countOnly: boolean): Filter => {
    const detector = createDateDetector({ datepattern: spec.datepattern, now: () => NOW });
    return compileFilter(spec, { ...extra, countOnly, now: () => NOW, detectDate: (line) => detector.detect(line) });
  };
  return [make(false), make(true)];
}

describe('countOnly', () => {
  it('counts what full processing would return, without building failures', () => {
    const spec = defineFilter({
      prefregex: '^ conn <F-MLFID>\\d+</F-MLFID>: <F-CONTENT>.+</F-CONTENT>$',
      failregex: ['^bad user from <HOST>$', '^<F-NOFAIL>hello from <HOST></F-NOFAIL>$', '^two from <ADDR>$'],
    });
    for (const reportNoFail of [false, true]) {
      const full = compileFilter(spec, { detectDate: detectIsoDate, now: () => NOW, checkAllRegex: true, reportNoFail });
      const count = compileFilter(spec, { detectDate: detectIsoDate, now: () => NOW, checkAllRegex: true, reportNoFail, countOnly: true });
      const lines = ['hello from 192.0.2.1', 'bad user from 192.0.2.1', 'two from 192.0.2.2', 'nothing here'];
      for (const [k, text] of lines.entries()) {
        const line = `2005-08-14 10:00:0${k} conn ${k % 2}: ${text}`;
        const a = full.processLine(line);
        const b = count.processLine(line);
        expect(summarize(b)).toEqual(summarize(a));
        expect(a.failCount).toBe(a.fails.length);
        expect(b.fails).toEqual([]);
      }
    }
  });

  it('reads users from alt_ groups and prefregex groups as the full groupdict does (own null groups win)', () => {
    // A connection whose failures name different users (some only through an alt_ group, some only
    // in the prefregex) is not wiped by its success; one with a single user is.
    const spec = defineFilter({
      prefregex: '^ conn <F-MLFID>\\d+</F-MLFID>(?: as (?P<user>\\w+))?: <F-CONTENT>.+</F-CONTENT>$',
      failregex: [
        '^bad (?:user (?P<user>\\w+)|alias <F-ALT_USER>\\w+</F-ALT_USER>) from <HOST>$',
        '^<F-NOFAIL>probe from <HOST></F-NOFAIL>$',
        '^<F-MLFFORGET><F-MLFGAINED>ok</F-MLFGAINED></F-MLFFORGET> from <HOST>$',
        '^pending for <F-USER>\\w+</F-USER>$',
      ],
    });
    const texts = [
      [1, 'bad alias eve from 192.0.2.1'], [1, 'bad user bob from 192.0.2.1'], [1, 'ok from 192.0.2.1'],
      [2, 'bad user bob from 192.0.2.2'], [2, 'ok from 192.0.2.2'],
      [3, 'probe from 192.0.2.3'], [3, 'pending for carol'], [3, 'bad alias carol from 192.0.2.3'],
      [4, 'pending for dave'], [4, 'probe from 192.0.2.4'], [4, 'ok from 192.0.2.4'],
    ] as const;
    for (const as of ['', ' as mallory']) {
      const full = compileFilter(spec, { detectDate: detectIsoDate, now: () => NOW, checkAllRegex: true });
      const count = compileFilter(spec, { detectDate: detectIsoDate, now: () => NOW, checkAllRegex: true, countOnly: true });
      for (const [k, [conn, text]] of texts.entries()) {
        const line = `2005-08-14 10:00:${String(k).padStart(2, '0')} conn ${conn}${k % 3 === 0 ? as : ''}: ${text}`;
        expect(summarize(count.processLine(line)), line).toEqual(summarize(full.processLine(line)));
      }
    }
  });

  for (const tree of listFilterTrees()) {
    it(`agrees with full processing on every sample log of the ${tree.label} tree`, () => {
      let compared = 0;
      let failures = 0;
      for (const { name, spec, lines } of listSampledFilters(tree)) {
        const [full, count] = compileBoth(spec, { checkAllRegex: true });
        for (const line of lines) {
          const a = full.processLine(line);
          const b = count.processLine(line);
          expect(summarize(b), `${name}: ${line}`).toEqual(summarize(a));
          expect(a.failCount).toBe(a.fails.length);
          expect(b.fails).toHaveLength(0);
          compared++;
          failures += a.failCount;
        }
      }
      expect(compared).toBeGreaterThan(100);
      expect(failures).toBeGreaterThan(50);
    });
  }
});
