/** @module systemd/args: build journalctl's argument list from the jail's journal options (no shell involved). */
import { BackendOptionError, type ConfigSource } from '../errors.js';

/** Which journal to read and which entries (the jail's `journalmatch`, `journalpath`, `journalfiles`, `namespace`). */
export interface JournalSelection {
  /** `journalmatch` groups, each `FIELD=value FIELD=value` (AND within a group, OR between groups). */
  readonly journalmatch?: readonly string[];
  /** A journal directory (`--directory`), or a single journal file (`--file`). */
  readonly journalpath?: string;
  /** Journal files (`--file`, may be globs that journalctl expands). */
  readonly journalfiles?: readonly string[];
  /** A journal namespace (`--namespace`). */
  readonly namespace?: string;
}

/** Where to begin reading. */
export interface JournalStart {
  readonly cursor?: string;
  readonly since?: number;
  readonly follow: boolean;
}

const MATCH = /^[A-Z0-9_]+=/;

/** Splits `journalmatch` groups into journalctl match words, `+` between groups; throws on a word that is not FIELD=value. */
export function buildMatchArgs(journalmatch: readonly string[], source?: ConfigSource): string[] {
  const args: string[] = [];
  for (const group of journalmatch) {
    const words = group.split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    if (args.length > 0) args.push('+');
    for (const word of words) {
      if (word === '+') {
        args.push('+');
        continue;
      }
      if (!MATCH.test(word)) throw new BackendOptionError('journalmatch', word, 'FIELD=value with FIELD in A-Z, 0-9, _', source);
      args.push(word);
    }
  }
  return args;
}

/** Full journalctl argument list. */
export function buildJournalctlArgs(selection: JournalSelection, start: JournalStart, source?: ConfigSource): string[] {
  const args = ['--output=json', '--all', '--no-pager', '--quiet'];
  if (start.follow) args.push('--follow');
  if (start.cursor) args.push(`--after-cursor=${start.cursor}`);
  else if (start.since !== undefined) args.push(`--since=@${Math.floor(start.since)}`);
  else if (start.follow) args.push('--lines=0');
  if (selection.journalpath) args.push(selection.journalpath.endsWith('.journal') ? `--file=${selection.journalpath}` : `--directory=${selection.journalpath}`);
  for (const file of selection.journalfiles ?? []) args.push(`--file=${file}`);
  if (selection.namespace) args.push(`--namespace=${selection.namespace}`);
  args.push(...buildMatchArgs(selection.journalmatch ?? [], source));
  return args;
}

/** Reads `journalpath`, `journalfiles`, `namespace` from a jail's `backend = systemd[...]` options. */
export function parseSystemdBackendOptions(options: Readonly<Record<string, string>>, source?: ConfigSource): JournalSelection {
  const known = new Set(['journalpath', 'journalfiles', 'namespace']);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new BackendOptionError(key, options[key] ?? '', 'one of journalpath, journalfiles, namespace', source);
  }
  const files = options['journalfiles']?.split(/[\s,]+/).filter((f) => f !== '');
  return {
    ...(options['journalpath'] ? { journalpath: options['journalpath'] } : {}),
    ...(files?.length ? { journalfiles: files } : {}),
    ...(options['namespace'] ? { namespace: options['namespace'] } : {}),
  };
}
