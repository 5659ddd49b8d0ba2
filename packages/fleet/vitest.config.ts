import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../tooling/test-utils/vitest-aliases.mjs';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: { name: 'fleet', include: ['test/**/*.test.ts'] },
});
