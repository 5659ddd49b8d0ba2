/** @module bench/nft-bulk: restore 20,000 bans into an nftables set in a network namespace, batched vs one command per ban. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { rate, report } from '@f2b/bench';
import { createActionRunner, createCommandAction, createShellRunner } from '../dist/index.js';

const BANS = 20_000;
const BASELINE_SAMPLE = 1_000;
const here = dirname(fileURLToPath(import.meta.url));
const OWN_ACTION = join(here, '..', '..', 'config', 'action.d', 'nftables-set.conf');

if (process.getuid?.() !== 0) {
  console.log('bench skipped: needs root (network namespace + nftables)');
  process.exit(0);
}

// Fail2Ban's own config reader computes both actions' options (f2b's config reader may not exist yet).
const DUMP = `
import json, sys
from fail2ban.client.configurator import Configurator
c = Configurator(); c.setBaseDir(sys.argv[1]); c.readAll(); c.getOptions(); c.convertToProtocol()
out = {}
for cmd in c.getConfigStream():
    if cmd[0] == 'multi-set' and cmd[2] == 'action': out[cmd[3]] = dict((k, v if isinstance(v, str) else str(v)) for k, v in cmd[4])
print(json.dumps(out))
`;

function readSpecs() {
  const dir = mkdtempSync(join(tmpdir(), 'f2b-bench-cfg-'));
  try {
    const conf = join(dir, 'conf');
    cpSync('/etc/fail2ban', conf, { recursive: true });
    cpSync(OWN_ACTION, join(conf, 'action.d', basename(OWN_ACTION)));
    writeFileSync(join(dir, 'empty.log'), '');
    writeFileSync(join(conf, 'jail.d', 'defaults-debian.conf'), '');
    writeFileSync(join(conf, 'jail.local'), `[bench]\nenabled = true\nfilter = sshd\nbackend = polling\nlogpath = ${join(dir, 'empty.log')}\naction = nftables-set[port="22"]\n         nftables-multiport[port="22"]\n`);
    const raw = JSON.parse(execFileSync('/usr/bin/python3', ['-c', DUMP, conf], { encoding: 'utf8' }));
    const specs = {};
    for (const [name, all] of Object.entries(raw)) {
      const options = {};
      const conditional = {};
      for (const [key, value] of Object.entries(all)) {
        const m = /^(.+)\?(family=\w+)$/.exec(key);
        if (m) (conditional[m[2]] ??= {})[m[1]] = value;
        else options[key] = value;
      }
      specs[name] = { name, file: `${name}.conf`, options, conditional };
    }
    return specs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function banInfos(count) {
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => ({
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    family: 'inet4', failures: 5, matches: [], time: now - 60, bantime: 3600, bancount: 1, restored: true, fields: {},
  }));
}

const ns = `f2bt-bench-${process.pid}`;
const inNs = (script) => execFileSync('ip', ['netns', 'exec', ns, 'sh', '-c', script], { encoding: 'utf8' });
const countElements = (set) => Number(inNs(`nft list set inet ${set} | grep -o '10\\.[0-9]*\\.[0-9]*\\.[0-9]*' | wc -l`));

execFileSync('ip', ['netns', 'add', ns]);
try {
  const specs = readSpecs();
  const runner = createShellRunner({ prefix: ['ip', 'netns', 'exec', ns] });
  const logger = { debug() {}, info() {}, warn: console.warn, error: console.error };
  const infos = banInfos(BANS);

  const ours = createActionRunner(createCommandAction(specs['nftables-set'], { jailName: 'bench', runner, logger }), { jailName: 'bench', logger });
  await ours.start();
  const t0 = performance.now();
  const outcome = await ours.banMany(infos);
  const batchedMs = performance.now() - t0;
  const batchedCount = countElements('f2b-sets f2b-bench-v4');
  await ours.stop();

  const debian = createActionRunner(createCommandAction(specs['nftables-multiport'], { jailName: 'bench', runner, logger }), { jailName: 'bench', logger });
  await debian.start();
  const t1 = performance.now();
  for (const info of infos.slice(0, BASELINE_SAMPLE)) await debian.ban(info);
  const sampleMs = performance.now() - t1;
  const debianCount = countElements('f2b-table addr-set-bench');
  await debian.stop();
  const extrapolatedMs = (sampleMs / BASELINE_SAMPLE) * BANS;

  report(`restore ${BANS.toLocaleString('en-US')} bans into an nftables set (network namespace)`, {
    'f2b nftables-set, batched (nft -f per 2,000)': `${(batchedMs / 1000).toFixed(2)} s  ${rate(BANS, batchedMs)}  (${batchedCount} elements in set, ${outcome.failed.length} failed)`,
    [`Debian nftables-multiport, 1 command per ban (${BASELINE_SAMPLE.toLocaleString('en-US')} measured)`]: `${(sampleMs / 1000).toFixed(2)} s  ${rate(BASELINE_SAMPLE, sampleMs)}  (${debianCount} elements in set)`,
    [`Debian, extrapolated to ${BANS.toLocaleString('en-US')}`]: `${(extrapolatedMs / 1000).toFixed(1)} s`,
    'speed-up (Debian extrapolated / f2b batched)': `${(extrapolatedMs / batchedMs).toFixed(1)}x`,
    'target: 20,000 bans under 5 s': batchedMs < 5000 ? 'met' : 'NOT met',
  });
} finally {
  execFileSync('ip', ['netns', 'del', ns]);
}
