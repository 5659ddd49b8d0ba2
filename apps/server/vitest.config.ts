import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../tooling/test-utils/vitest-aliases.mjs';

export default defineProject({
  resolve: { alias: sourceAliases() },
  // Each test drives real server processes through several steps; seconds, not milliseconds.
  test: { name: 'server', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 20_000 },
});
