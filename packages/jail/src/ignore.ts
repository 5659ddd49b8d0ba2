/** @module ignore: Fail2Ban's ignore rules — ignoreip, ignoreself, ignorecommand and ignorecache. */
import { networkInterfaces } from 'node:os';
import { JailOptionError } from './errors.js';
import { familyOf, normalizeId } from './_address.js';
import { addEntries, createEntryList, ListFile, matchList, NameCache, resolveWithSystem, type EntryList, type NameResolver } from './_ignore-lists.js';
import { prepareCommand, runShellCommand, substituteTags, type CommandRunner, type TagValues } from './_ignore-command.js';
import { parseDuration } from '@f2b/config-reader';
import type { FailureFields } from './_fail-table.js';

export type { CommandRunner } from './_ignore-command.js';
export type { NameResolver } from './_ignore-lists.js';

/** Ignore options as the config reader resolves them, plus injectable effects. */
export interface IgnoreOptions {
  /** Jail name, for error messages. */
  readonly jail?: string;
  /** `ignoreip`: addresses, CIDR networks (IPv4 and IPv6), DNS names, `file:/path` lists. */
  readonly ignoreip?: readonly string[];
  /** `ignoreself`: ignore this host's own addresses (default true, as Fail2Ban). */
  readonly ignoreself?: boolean;
  /** `ignorecommand`: a shell command with tags (`<ip>`, `<F-USER>`); exit 0 means ignore. */
  readonly ignorecommand?: string;
  /** `ignorecache`: `key` (a tag template such as `<ip>`), `max-count` (100), `max-time` (300 s). */
  readonly ignorecache?: Readonly<Record<string, string>> | null;
  /** Clock in epoch seconds. */
  readonly now?: () => number;
  /** DNS resolver for names in ignoreip (default: the system resolver). */
  readonly resolveName?: NameResolver;
  /** Seconds a resolved name is trusted (default 300). */
  readonly nameCacheTime?: number;
  /** This host's addresses for ignoreself (default: os.networkInterfaces() and loopback). */
  readonly selfAddresses?: () => readonly string[];
  /** Runs ignorecommand (default: /bin/sh -c with tag values in the environment). */
  readonly runCommand?: CommandRunner;
  /** Seconds before ignorecommand is killed and counts as "do not ignore" (default 60). */
  readonly commandTimeout?: number;
}

/** The compiled rules of one jail. */
export interface IgnoreRules {
  /** The answer when it needs no DNS lookup and no command; undefined otherwise (then use `isIgnored`). */
  checkSync(id: string, fields?: FailureFields): boolean | undefined;
  /** Whether failures of `id` are ignored, running lookups and the command as needed. */
  isIgnored(id: string, fields?: FailureFields): Promise<boolean>;
  /** Adds ignoreip entries (`addignoreip`). */
  addIgnoreIp(entries: readonly string[]): void;
  /** Removes an ignoreip entry as written (`delignoreip`); returns whether it was there. */
  deleteIgnoreIp(entry: string): boolean;
  /** The ignoreip entries as written. */
  listIgnoreIp(): string[];
}

const SELF_LOOPBACK = ['127.0.0.1', '::1'];

function readSelfAddresses(): string[] {
  const found = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address));
  return [...SELF_LOOPBACK, ...found];
}

/** Compiles the ignore options; throws JailOptionError for an ignoreip entry or ignorecache value it cannot use. */
export function createIgnoreRules(options: IgnoreOptions = {}): IgnoreRules {
  const jail = options.jail ?? 'jail';
  const now = options.now ?? (() => Date.now() / 1000);
  const names = new NameCache(options.resolveName ?? resolveWithSystem, options.nameCacheTime ?? 300);
  const command = options.ignorecommand ?? '';
  const runCommand = options.runCommand ?? runShellCommand;
  const timeoutMs = (options.commandTimeout ?? 60) * 1000;
  let self: Set<string> | null = null;
  const selfAddresses = (): Set<string> => (self ??= new Set((options.selfAddresses ?? readSelfAddresses)().map(normalizeId)));

  let written: string[] = [];
  let list: EntryList = createEntryList();
  let files: ListFile[] = [];
  const rebuild = (entries: string[]): void => {
    const next = createEntryList();
    const nextFiles: ListFile[] = [];
    const plain = entries.filter((entry) => {
      if (!entry.startsWith('file:')) return true;
      nextFiles.push(new ListFile(entry.slice(5)));
      return false;
    });
    const rejected = addEntries(next, plain);
    if (rejected.length > 0) throw new JailOptionError(jail, 'ignoreip', `'${rejected[0]}' is not an address, CIDR network, DNS name or file: list`);
    written = entries;
    list = next;
    files = nextFiles;
  };
  rebuild((options.ignoreip ?? []).filter((entry) => entry !== ''));

  const cacheOptions = options.ignorecache ?? null;
  const cache = cacheOptions ? createResultCache(jail, cacheOptions) : null;

  const lists = (t: number): EntryList[] => [list, ...files.map((file) => file.current(t))];
  const tagValues = (id: string, fields: FailureFields | undefined): TagValues => ({ ip: id, family: familyOf(id) ?? '', fields: fields ?? {} });

  /** true/false from the lists, undefined while a DNS name is unresolved. */
  const matchLists = (id: string, t: number): boolean | undefined => {
    if (options.ignoreself !== false && selfAddresses().has(id)) return true;
    const found = matchList(list, id, names, t);
    if (found === true || files.length === 0) return found;
    let unresolved = found === undefined;
    for (const file of files) {
      const inFile = matchList(file.current(t), id, names, t);
      if (inFile === true) return true;
      if (inFile === undefined) unresolved = true;
    }
    return unresolved ? undefined : false;
  };

  const rules: IgnoreRules = {
    checkSync(rawId, fields) {
      const id = normalizeId(rawId);
      const t = now();
      const key = cache ? substituteTags(cache.keyTemplate, tagValues(id, fields)) : '';
      const cached = cache?.get(key, t);
      if (cached !== undefined) return cached;
      const found = matchLists(id, t);
      if (found === undefined || (!found && command !== '')) return undefined;
      cache?.set(key, found, t);
      return found;
    },
    async isIgnored(rawId, fields) {
      const quick = rules.checkSync(rawId, fields);
      if (quick !== undefined) return quick;
      const id = normalizeId(rawId);
      const t = now();
      const pendingNames = lists(t).flatMap((entries) => entries.names.filter((name) => names.addressesOf(name, t) === undefined));
      await Promise.all(pendingNames.map((name) => names.refresh(name, t)));
      let found = matchLists(id, t) === true;
      if (!found && command !== '') {
        const prepared = prepareCommand(command, tagValues(id, fields));
        found = (await runCommand(prepared.command, prepared.env, timeoutMs)) === 0;
      }
      cache?.set(substituteTags(cache.keyTemplate, tagValues(id, fields)), found, t);
      return found;
    },
    addIgnoreIp(entries) {
      rebuild([...written, ...entries.filter((entry) => entry !== '' && !written.includes(entry))]);
    },
    deleteIgnoreIp(entry) {
      if (!written.includes(entry)) return false;
      rebuild(written.filter((e) => e !== entry));
      return true;
    },
    listIgnoreIp() {
      return [...written];
    },
  };
  return rules;
}

interface ResultCache {
  readonly keyTemplate: string;
  get(key: string, now: number): boolean | undefined;
  set(key: string, value: boolean, now: number): void;
}

/** Fail2Ban's ignorecache: results by key, at most max-count of them, each for max-time seconds. */
function createResultCache(jail: string, options: Readonly<Record<string, string>>): ResultCache {
  const keyTemplate = options['key'];
  if (!keyTemplate) throw new JailOptionError(jail, 'ignorecache', "missing 'key' (for example key=\"<ip>\")");
  const maxCount = Number(options['max-count'] ?? '100');
  if (!Number.isInteger(maxCount) || maxCount < 1) throw new JailOptionError(jail, 'ignorecache', `max-count '${options['max-count']}' is not a positive integer`);
  let maxTime: number | null;
  try {
    maxTime = parseDuration(options['max-time'] ?? '300');
  } catch {
    maxTime = null;
  }
  if (maxTime === null || maxTime <= 0) throw new JailOptionError(jail, 'ignorecache', `max-time '${options['max-time']}' is not a duration`);
  const entries = new Map<string, { value: boolean; expires: number }>();
  return {
    keyTemplate,
    get(key, now) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires > now) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value, now) {
      entries.delete(key);
      if (entries.size >= maxCount) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, expires: now + maxTime });
    },
  };
}
