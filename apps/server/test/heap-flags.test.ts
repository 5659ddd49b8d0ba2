/** @module heap-flags.test: the daemon's young generation stays at its start size through a burst of surviving objects. */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const flagsModule = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', '_heap-flags.js');

/** The young generation's size (MB) after a program keeps many fresh objects alive, with or without the module. */
function youngGenerationAfterBurst(withFlags: boolean): number {
  const program = `
    ${withFlags ? `await import(${JSON.stringify(flagsModule)});` : ''}
    const { getHeapSpaceStatistics } = await import('node:v8');
    const kept = [];
    for (let i = 0; i < 2e6; i++) { kept.push({ i, text: 'address ' + i }); if (kept.length > 300000) kept.length = 0; }
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(young.space_size / 1e6));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' }));
}

describe('f2b-server heap flags', () => {
  it('keep the young generation from growing where a plain process grows it', () => {
    const plain = youngGenerationAfterBurst(false);
    const flagged = youngGenerationAfterBurst(true);
    expect(plain).toBeGreaterThan(flagged * 2);
    expect(flagged).toBeLessThan(10);
  });
});
