/** @module registry: map `backend` names to factories; tell "unknown backend" from "unavailable on this host"; resolve `auto`. */
import { BackendUnavailableError, UnknownBackendError, type ConfigSource } from './errors.js';
import { createPollingBackend, NAME as POLLING, type PollingOptions } from './polling.js';
import { checkPyinotifyAvailable, createPyinotifyBackend, NAME as PYINOTIFY, type PyinotifyOptions } from './pyinotify.js';
import { checkSystemdAvailable, createSystemdBackend, NAME as SYSTEMD, type SystemdOptions } from './systemd/index.js';
import type { Backend } from './types.js';

/** The name that picks the first file backend available here. */
export const AUTO = 'auto';

/** Options for `createBackend`: file options for file backends, journal options for `systemd`. */
export type BackendOptions = (PollingOptions & PyinotifyOptions) | SystemdOptions;

/** One registered backend. */
export interface BackendEntry {
  /** Why this backend cannot run here, or null when it can. */
  readonly unavailable: () => string | null;
  readonly create: (options: BackendOptions) => Backend;
  /** What it reads: the jail passes file options or journal options accordingly. */
  readonly kind: 'files' | 'journal';
}

/** A set of backends and the order `auto` tries them in. */
export interface BackendRegistry {
  /** Every name `backend` accepts (`auto` first). */
  names(): string[];
  /** Whether a (known) backend reads files or the journal. */
  kind(name: string): 'files' | 'journal';
  /**
   * The concrete backend to use for a `backend` value. Unknown names throw UnknownBackendError; a known one that
   * cannot run throws BackendUnavailableError; `auto` takes the first available of its order, skipping only the
   * unavailable ones.
   */
  resolve(name: string, source?: ConfigSource): string;
  /** Creates the backend `resolve` picks. */
  create(name: string, options: BackendOptions, source?: ConfigSource): Backend;
}

/** Builds a registry (the default one is below; tests and embedders may build their own). */
export function createBackendRegistry(entries: ReadonlyMap<string, BackendEntry>, autoOrder: readonly string[]): BackendRegistry {
  const names = (): string[] => [AUTO, ...entries.keys()];
  const lookup = (name: string, source?: ConfigSource): BackendEntry => {
    const entry = entries.get(name);
    if (!entry) throw new UnknownBackendError(name, names(), source);
    return entry;
  };
  const resolve = (name: string, source?: ConfigSource): string => {
    if (name === AUTO) {
      const reasons: string[] = [];
      for (const candidate of autoOrder) {
        const reason = lookup(candidate).unavailable();
        if (reason === null) return candidate;
        reasons.push(`${candidate}: ${reason}`);
      }
      throw new BackendUnavailableError(AUTO, reasons.join('; '), source);
    }
    const reason = lookup(name, source).unavailable();
    if (reason !== null) throw new BackendUnavailableError(name, reason, source);
    return name;
  };
  return {
    names,
    kind: (name) => (name === AUTO ? 'files' : lookup(name).kind),
    resolve,
    create: (name, options, source) => lookup(resolve(name, source)).create(options),
  };
}

/** What `auto` tries, in order (file backends only: the journal is never chosen implicitly). */
export const AUTO_ORDER: readonly string[] = [PYINOTIFY, POLLING];

const defaultRegistry = createBackendRegistry(
  new Map<string, BackendEntry>([
    [PYINOTIFY, { unavailable: checkPyinotifyAvailable, create: (o) => createPyinotifyBackend(o as PyinotifyOptions), kind: 'files' }],
    [POLLING, { unavailable: () => null, create: (o) => createPollingBackend(o as PollingOptions), kind: 'files' }],
    [SYSTEMD, { unavailable: checkSystemdAvailable, create: (o) => createSystemdBackend(o as SystemdOptions), kind: 'journal' }],
  ]),
  AUTO_ORDER,
);

/** Every name `backend` accepts. */
export function listBackendNames(): string[] {
  return defaultRegistry.names();
}

/** Whether a (known) backend reads files or the journal. */
export function backendKind(name: string): 'files' | 'journal' {
  return defaultRegistry.kind(name);
}

/** Resolves a `backend` value to the backend to use here (see BackendRegistry.resolve for the errors). */
export function resolveBackendName(name: string, source?: ConfigSource): string {
  return defaultRegistry.resolve(name, source);
}

/** Creates the backend a jail's `backend` option names (see BackendRegistry.resolve for the errors). */
export function createBackend(name: string, options: BackendOptions, source?: ConfigSource): Backend {
  return defaultRegistry.create(name, options, source);
}
