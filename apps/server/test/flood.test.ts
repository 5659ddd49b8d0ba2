/** @module flood.test: a real f2b-server flooded by 20,000 distinct addresses counts each exactly once and keeps them compactly. */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { sendCommand } from '@f2b/transmitter';
import { afterEach, describe, expect, it } from 'vitest';
import { makeServerTree, SERVER_JS, requireBuilt, waitFor, type ServerTree } from './_harness.js';

const ADDRESSES = 20_000;
// Heap (after full GCs) plus array buffers (where the jail packs lines), per tracked address, counting capacity
// allocated ahead (pages, columns) too: ~290 here, of which the ~100-character line kept is ~110. Before the
// packing, the heap alone held ~500 per address (the line twice over, its slices, a fields object, a Map entry).
const MAX_BYTES_PER_ADDRESS = 400;

let tree: ServerTree | null = null;
let kill: (() => void) | null = null;
afterEach(() => {
  kill?.();
  kill = null;
  tree?.remove();
  tree = null;
});

// Loaded into the server under test only: on SIGUSR2, full GCs, then the heap figures into a file.
// Written to a temp name and renamed, so the test never reads half a file.
const MEMORY_PROBE = `import { renameSync, writeFileSync } from 'node:fs';
process.on('SIGUSR2', () => {
  globalThis.gc(); globalThis.gc();
  const m = process.memoryUsage();
  const file = process.env.F2B_TEST_MEMORY_FILE;
  writeFileSync(file + '.tmp', JSON.stringify({ heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers }));
  renameSync(file + '.tmp', file);
});
`;

function floodLines(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    const ip = `${11 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`;
    text += `login failed for user${i % 97} from ${ip} port ${1024 + (i % 60_000)} ssh2: RSA SHA256:${'k'.repeat(40)}\n`;
  }
  return text;
}

describe('f2b-server flood', () => {
  it(`counts ${ADDRESSES.toLocaleString('en-US')} distinct addresses exactly and keeps each under ${MAX_BYTES_PER_ADDRESS} bytes`, async () => {
    requireBuilt(SERVER_JS);
    const t = (tree = makeServerTree({
      maxretry: 1_000_000,
      action: '',
      files: {
        'conf/filter.d/t.conf': '[Definition]\nfailregex = ^login failed for <F-USER>\\S+</F-USER> from <HOST> port \\d+ ssh2: \\S+ \\S+$\ndatepattern = {NONE}\n',
        'probe.mjs': MEMORY_PROBE,
      },
    }));
    const memoryFile = t.tree.path('memory.json');
    const child = spawn(process.execPath, ['--expose-gc', '--import', t.tree.path('probe.mjs'), SERVER_JS, '-f', '-c', t.conf, '-s', t.socket, '--logtarget', t.logfile], {
      stdio: 'ignore',
      env: { ...process.env, F2B_TEST_MEMORY_FILE: memoryFile },
    });
    kill = () => child.kill('SIGKILL');
    const status = async () => {
      const reply = await sendCommand(t.socket, ['status', 't'], { timeoutMs: 20_000 });
      if (!reply.ok) throw new Error(reply.error.message);
      return (reply.result as { filter: { currentlyFailed: number; totalFailed: number } }).filter;
    };
    const memory = async () => {
      rmSync(memoryFile, { force: true });
      child.kill('SIGUSR2');
      await waitFor(() => existsSync(memoryFile), 10_000, 'the memory probe');
      const m = JSON.parse(readFileSync(memoryFile, 'utf8')) as { heapUsed: number; arrayBuffers: number };
      return m.heapUsed + m.arrayBuffers;
    };
    await waitFor(async () => status().then(() => true, () => false), 15_000, 'f2b-server to answer status');
    const before = await memory();

    appendFileSync(t.authLog, floodLines(ADDRESSES));
    await waitFor(async () => (await status()).totalFailed >= ADDRESSES, 60_000, 'every failure counted');
    // Nothing counted twice (a second look after the backend's next check).
    await new Promise((r) => setTimeout(r, 1500));
    expect(await status()).toEqual({ currentlyFailed: ADDRESSES, totalFailed: ADDRESSES, fileList: [t.authLog] });

    const perAddress = ((await memory()) - before) / ADDRESSES;
    expect(perAddress).toBeGreaterThan(50);
    expect(perAddress).toBeLessThan(MAX_BYTES_PER_ADDRESS);
  });
});
