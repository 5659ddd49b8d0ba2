/**
 * @module conformance-differential.test: f2b's conformance against Fail2Ban's own code, check by check.
 * Fail2Ban (Debian's 1.0.2 package, and the current development snapshot beside the repo) judges each
 * failJSON line of its sample logs with scripts/samples-reference.py; every check it passes, f2b must pass.
 */
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fail2banAvailable, findFail2banUpstream, makeTempTree, FAIL2BAN_CONFIG_DIR, FAIL2BAN_TESTS_DIR, PYTHON, type TempTree } from '@f2b/test-utils';
import { runConformance, type ConformanceCheck } from '../src/_conformance-run.js';

const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'samples-reference.py');

interface ReferenceCheck extends Omit<ConformanceCheck, 'message'> {
  readonly error: string | null;
}

/** Fail2Ban's own test filters that samplestestcase runs besides the config's (from its tests/config). */
const TEST_FILTERS = ['zzz-generic-example', 'zzz-sshd-obsolete-multiline'];

/** Fail2Ban's verdicts; `pythonPath`: a Fail2Ban source tree to run instead of Debian's package. */
function referenceChecks(confDir: string, logsDir: string, pythonPath?: string, only: readonly string[] = []): ReferenceCheck[] {
  const out = execFileSync(PYTHON, [SCRIPT, confDir, logsDir, ...only], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...(pythonPath ? { PYTHONPATH: pythonPath } : {}) },
  });
  return out.trim().split('\n').map((l) => JSON.parse(l) as ReferenceCheck);
}

const key = (c: ConformanceCheck): string => `${c.filter} ${c.variant} ${c.where}`;

/**
 * Runs both sides over the config's filters and over Fail2Ban's own test filters (`testConfDir`,
 * zzz-*), and returns the figures and the checks either side fails.
 */
function compareWithReference(confDir: string, testConfDir: string, logsDir: string, pythonPath?: string) {
  const theirs = [...referenceChecks(confDir, logsDir, pythonPath), ...referenceChecks(testConfDir, logsDir, pythonPath, TEST_FILTERS)];
  const results = [runConformance({ confDir, logsDir }), runConformance({ confDir: testConfDir, logsDir, only: TEST_FILTERS })];
  const result = { passed: 0, total: 0, failures: [] as string[], checks: [] as ConformanceCheck[] };
  for (const r of results) {
    result.passed += r.passed;
    result.total += r.total;
    result.failures.push(...r.failures);
    result.checks.push(...r.checks);
  }
  const ours = new Map(result.checks.map((c) => [key(c), c]));
  const theirPassed = theirs.filter((c) => c.ok).length;
  return {
    figures: `Fail2Ban ${theirPassed}/${theirs.length}, f2b ${result.passed}/${result.total}`,
    theirs,
    ours,
    /** Checks Fail2Ban passes that f2b fails (or does not make). */
    regressions: theirs.filter((c) => c.ok && !ours.get(key(c))?.ok).map((c) => ours.get(key(c))?.message ?? `${key(c)}: f2b makes no such check`),
    theirFailures: theirs.filter((c) => !c.ok).map((c) => `${key(c)}: ${c.error}`),
    ourFailures: result.failures,
    missing: [...ours.keys()].filter((k) => !theirs.some((c) => key(c) === k)),
  };
}

describe.runIf(fail2banAvailable())("Debian's samples: f2b passes every check Fail2Ban 1.0.2 passes", () => {
  it('judges the same checks and passes each one Fail2Ban passes', { timeout: 120_000 }, () => {
    // Debian installs the test filters where their relative include of common.conf finds nothing:
    // Fail2Ban cannot load them there, and neither can f2b (both fail those checks).
    const r = compareWithReference(FAIL2BAN_CONFIG_DIR, join(FAIL2BAN_TESTS_DIR, '..', 'config'), join(FAIL2BAN_TESTS_DIR, 'logs'));
    console.log(`Debian samples: ${r.figures}`);
    for (const line of r.theirFailures) console.log(`  Fail2Ban fails ${line}`);
    for (const line of r.ourFailures) console.log(`  f2b fails ${line}`);
    expect(r.theirs.length).toBeGreaterThan(1800);
    expect(r.regressions).toEqual([]);
    expect(r.missing).toEqual([]);
    expect(r.ours.size).toBe(r.theirs.length);
  });
});

const upstream = findFail2banUpstream(import.meta.dirname);
if (upstream.dir === null) console.log(`upstream conformance differential skipped: ${upstream.reason}`);

describe.skipIf(upstream.dir === null)("Fail2Ban's current development tree: f2b passes every check its own current code passes", () => {
  let tree: TempTree | undefined;
  afterAll(() => tree?.remove());

  it('runs the upstream filters, installed into a temp dir, over the upstream samples', { timeout: 120_000 }, () => {
    const dir = upstream.dir as string;
    // The layout of the source tree is kept: the test filters include ../../../../config/filter.d/common.conf.
    tree = makeTempTree({}, 'f2b-upstream-i20-');
    cpSync(join(dir, 'config'), tree.path('config'), { recursive: true });
    cpSync(join(dir, 'fail2ban', 'tests', 'config'), tree.path('fail2ban/tests/config'), { recursive: true });
    const r = compareWithReference(tree.path('config'), tree.path('fail2ban/tests/config'), join(dir, 'fail2ban', 'tests', 'files', 'logs'), dir);
    console.log(`upstream samples (${upstream.reason}): ${r.figures}`);
    for (const line of r.theirFailures) console.log(`  Fail2Ban fails ${line}`);
    for (const line of r.ourFailures) console.log(`  f2b fails ${line}`);
    expect(r.theirs.length).toBeGreaterThan(2000);
    expect(r.regressions).toEqual([]);
    expect(r.missing).toEqual([]);
    expect(r.ours.size).toBe(r.theirs.length);
  });
});
