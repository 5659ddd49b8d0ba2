import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    coverage: {
      provider: 'v8',
      // The code the packages ship; tests, benches and build scripts are not measured.
      include: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // The floor: `pnpm coverage` fails below it. Coverage may only go up (as Fail2Ban's coding
      // standards ask): when it rises, raise these to the new figures, rounded down to whole percents.
      // Measured 2026-12-04 with `pnpm coverage`: statements 82.43, branches 77.67, functions 77.72, lines 84.89.
      thresholds: { statements: 82, branches: 77, functions: 77, lines: 84 },
    },
  },
});
