import { describe, expect, it } from 'vitest';
import { readFilter } from '@f2b/config-reader';
import { compileFilter } from '@f2b/failregex';
import { listFilterTrees } from './_trees.js';

const MODES = ['', '[mode=aggressive]', '[mode=ddos]', '[mode=extra]', '[logtype=journal]', '[logtype=short]'];

describe('every filter compiles', () => {
  for (const tree of listFilterTrees()) {
    it(`translates every failregex, ignoreregex and prefregex of the ${tree.label} tree in every common mode`, () => {
      let compiled = 0;
      const problems: string[] = [];
      for (const name of tree.filters) {
        for (const mode of MODES) {
          let spec;
          try {
            spec = readFilter(tree.confDir, name + mode);
          } catch {
            continue; // a config problem (include-only file, mode without its option), not a regex one
          }
          try {
            compileFilter(spec);
            compiled++;
          } catch (err) {
            // Fail2Ban itself rejects a failregex without an id (freeswitch's aggressive mode names a missing option).
            if ((err as { code?: string }).code !== 'E_FILTER') problems.push(`${name}${mode}: ${(err as Error).message}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(compiled).toBeGreaterThan(tree.filters.length);
    });
  }
});
