/** @module systemd-test: the journal backend on real journal files written by systemd-journal-remote and read by journalctl. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import {
  BackendOptionError,
  BackendUnavailableError,
  buildJournalctlArgs,
  createSystemdBackend,
  findJournalctl,
  JOURNAL_POSITION_KEY,
  MemoryPositionStore,
  parseSystemdBackendOptions,
  type Backend,
} from '@f2b/filter-backends';
import { makeCollector } from './_helpers.js';

const REMOTE = ['/lib/systemd/systemd-journal-remote', '/usr/lib/systemd/systemd-journal-remote'].find((p) => existsSync(p));
const JOURNALCTL = findJournalctl();
const missing = !REMOTE ? 'systemd-journal-remote is not installed' : !JOURNALCTL ? 'journalctl is not installed' : null;
if (missing) console.log(`skipping journal tests: ${missing}`);

type Field = string | Buffer;
let monotonic = 1_000_000;

/** One entry in journald's export format; fields holding a newline or invalid text go in the binary form. */
function exportEntry(seconds: number, fields: Record<string, Field>): Buffer {
  monotonic += 1000;
  const parts: Buffer[] = [
    Buffer.from(`__REALTIME_TIMESTAMP=${seconds * 1_000_000}\n__MONOTONIC_TIMESTAMP=${monotonic}\n_BOOT_ID=5d1ab8e3c0f44c4d9d0bd0c2f6e1a7b3\n`),
  ];
  for (const [name, value] of Object.entries(fields)) {
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
    if (Buffer.isBuffer(value) || value.includes('\n')) {
      const size = Buffer.alloc(8);
      size.writeBigUInt64LE(BigInt(bytes.length));
      parts.push(Buffer.from(`${name}\n`), size, bytes, Buffer.from('\n'));
    } else parts.push(Buffer.from(`${name}=${value}\n`));
  }
  parts.push(Buffer.from('\n'));
  return Buffer.concat(parts);
}

/** Appends entries to a journal file through systemd-journal-remote (it creates the file when missing). */
function writeJournal(file: string, entries: Buffer[]): void {
  mkdirSync(dirname(file), { recursive: true });
  execFileSync(REMOTE!, ['-o', file, '-'], { input: Buffer.concat(entries), stdio: ['pipe', 'ignore', 'ignore'] });
}

const sshd = (seconds: number, message: Field, extra: Record<string, Field> = {}): Buffer =>
  exportEntry(seconds, { _HOSTNAME: 'web1', SYSLOG_IDENTIFIER: 'sshd', _PID: '4321', _SYSTEMD_UNIT: 'ssh.service', MESSAGE: message, ...extra });

describe('systemd journal arguments', () => {
  it('joins journalmatch groups with + and chooses the journal to read', () => {
    const args = buildJournalctlArgs(
      { journalmatch: ['_SYSTEMD_UNIT=ssh.service _COMM=sshd', '_SYSTEMD_UNIT=sshd.service'], journalfiles: ['/j/a.journal'], namespace: 'web' },
      { cursor: 's=1;i=2', follow: true },
    );
    expect(args).toEqual([
      '--output=json', '--all', '--no-pager', '--quiet', '--follow', '--after-cursor=s=1;i=2',
      '--file=/j/a.journal', '--namespace=web', '_SYSTEMD_UNIT=ssh.service', '_COMM=sshd', '+', '_SYSTEMD_UNIT=sshd.service',
    ]);
    expect(buildJournalctlArgs({ journalpath: '/var/log/journal/remote' }, { follow: true })).toContain('--directory=/var/log/journal/remote');
    expect(buildJournalctlArgs({}, { follow: true })).toContain('--lines=0');
  });

  it.each([
    [() => buildJournalctlArgs({ journalmatch: ['--since=yesterday'] }, { follow: false }, { jail: 'sshd' }),
      "jail 'sshd': bad backend option journalmatch = '--since=yesterday' (expected FIELD=value with FIELD in A-Z, 0-9, _)"],
    [() => parseSystemdBackendOptions({ journalpth: '/x' }, { file: 'jail.local', line: 7, jail: 'sshd' }),
      "jail.local:7: jail 'sshd': bad backend option journalpth = '/x' (expected one of journalpath, journalfiles, namespace)"],
  ])('rejects bad options with a message naming them (%#)', (call, message) => {
    expect(call).toThrow(BackendOptionError);
    expect(call).toThrow(message);
  });

  it('reads backend options written as systemd[journalfiles="a b", namespace=x]', () => {
    expect(parseSystemdBackendOptions({ journalfiles: '/a.journal, /b.journal', namespace: 'x' })).toEqual({
      journalfiles: ['/a.journal', '/b.journal'],
      namespace: 'x',
    });
  });

  it('reports a missing journalctl as unavailable', async () => {
    const backend = createSystemdBackend({ onLines: () => undefined, journalctl: '/nonexistent/journalctl' });
    await expect(backend.start()).rejects.toThrow(BackendUnavailableError);
  });
});

describe.skipIf(missing !== null)('systemd backend on journal files', () => {
  let tree: TempTree;
  let backend: Backend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
    tree?.remove();
  });

  it('delivers matching entries as syslog-style lines with the entry time and fields', async () => {
    tree = makeTempTree();
    const file = tree.path('a.journal');
    writeJournal(file, [
      sshd(1_700_000_000, 'Failed password for root from 192.0.2.7 port 22 ssh2'),
      exportEntry(1_700_000_001, { _HOSTNAME: 'web1', SYSLOG_IDENTIFIER: 'cron', _PID: '9', MESSAGE: 'not for us' }),
      sshd(1_700_000_002, 'two\nlines'),
      sshd(1_700_000_003, Buffer.from([0x62, 0x61, 0x64, 0xff, 0x20, 0x31])),
    ]);
    const c = makeCollector();
    backend = createSystemdBackend({ onLines: c.onLines, onError: c.onError, journalfiles: [file], journalmatch: ['SYSLOG_IDENTIFIER=sshd'], since: 0 });
    await backend.checkNow!();
    expect(c.texts()).toEqual([
      'web1 sshd[4321]: Failed password for root from 192.0.2.7 port 22 ssh2',
      'web1 sshd[4321]: two\\nlines',
      'web1 sshd[4321]: bad\ufffd 1',
    ]);
    expect(c.lines.map((l) => l.time)).toEqual([1_700_000_000, 1_700_000_002, 1_700_000_003]);
    expect(c.lines[0]!.fields?.['_SYSTEMD_UNIT']).toBe('ssh.service');
    expect(c.lines[0]!.path).toBe(JOURNAL_POSITION_KEY);
    expect(c.errors).toEqual([]);
  });

  it('follows entries appended to the journal while it runs', async () => {
    tree = makeTempTree();
    const file = tree.path('live.journal');
    writeJournal(file, [sshd(1_700_000_000, 'before start')]);
    const c = makeCollector();
    backend = createSystemdBackend({ onLines: c.onLines, onError: c.onError, journalfiles: [file], since: 0 });
    await backend.start();
    await c.waitFor(1);
    writeJournal(file, [sshd(1_700_000_010, 'after start 1'), sshd(1_700_000_011, 'after start 2')]);
    await c.waitFor(3, 15_000);
    expect(c.texts()).toEqual(['web1 sshd[4321]: before start', 'web1 sshd[4321]: after start 1', 'web1 sshd[4321]: after start 2']);
  });

  it('resumes after the saved cursor across a restart, reading a journal directory', async () => {
    tree = makeTempTree();
    const file = tree.path('dir/system.journal');
    writeJournal(file, [sshd(1_700_000_000, 'm1'), sshd(1_700_000_001, 'm2')]);
    const positions = new MemoryPositionStore();
    const first = makeCollector();
    backend = createSystemdBackend({ onLines: first.onLines, journalpath: tree.path('dir'), positions, since: 0 });
    await backend.start();
    await first.waitFor(2);
    await backend.stop();
    const saved = positions.get(JOURNAL_POSITION_KEY);
    expect(saved?.hash).toMatch(/^s=[0-9a-f]+;i=2;/);
    expect(saved?.pos).toBe(1_700_000_001_000_000);

    writeJournal(file, [sshd(1_700_000_002, 'm3'), sshd(1_700_000_003, 'm4')]);
    const second = makeCollector();
    backend = createSystemdBackend({ onLines: second.onLines, journalpath: tree.path('dir'), positions, since: 0 });
    await backend.checkNow!();
    expect([...first.texts(), ...second.texts()].map((l) => l.split(': ')[1])).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('drops a saved cursor journalctl cannot seek to, reports it, and reads from `since`', async () => {
    tree = makeTempTree();
    const file = tree.path('c.journal');
    writeJournal(file, [sshd(1_700_000_000, 'kept')]);
    const positions = new MemoryPositionStore();
    positions.set(JOURNAL_POSITION_KEY, { hash: 'not-a-cursor', pos: 0 });
    const c = makeCollector();
    backend = createSystemdBackend({ onLines: c.onLines, onError: c.onError, journalfiles: [file], positions, since: 0, restartDelay: 20 });
    await backend.start();
    await c.waitFor(1);
    expect(c.texts()).toEqual(['web1 sshd[4321]: kept']);
    expect(c.errors.map((e) => e.message)).toEqual(['journalctl: exited with 1: Failed to seek to cursor: Invalid argument']);
  });
});
