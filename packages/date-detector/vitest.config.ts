import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../tooling/test-utils/vitest-aliases.mjs';

export default defineProject({
  resolve: { alias: sourceAliases() },
  // Tests read zone-less dates as local time; pin the zone (DST cases are written for Zurich).
  test: { name: 'date-detector', include: ['test/**/*.test.ts'], env: { TZ: 'Europe/Zurich' } },
});
