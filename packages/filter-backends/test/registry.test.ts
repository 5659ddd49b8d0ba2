/** @module registry-test: names to backends; unknown vs unavailable; auto. */
import { describe, expect, it } from 'vitest';
import {
  AUTO_ORDER,
  BackendUnavailableError,
  backendKind,
  createBackend,
  createBackendRegistry,
  listBackendNames,
  type Backend,
  type BackendEntry,
  resolveBackendName,
  UnknownBackendError,
} from '@f2b/filter-backends';

describe('backend registry', () => {
  it('lists every accepted name', () => {
    expect(listBackendNames()).toEqual(['auto', 'pyinotify', 'polling', 'systemd']);
  });

  it('names the config line and the expected names for an unknown backend', () => {
    const call = () => resolveBackendName('foo', { file: 'jail.local', line: 12, jail: 'sshd' });
    expect(call).toThrow(UnknownBackendError);
    expect(call).toThrow("jail.local:12: jail 'sshd': unknown backend 'foo' (expected auto, pyinotify, polling, systemd)");
  });

  it('resolves auto to the first available file backend', () => {
    expect(AUTO_ORDER).toEqual(['pyinotify', 'polling']);
    expect(resolveBackendName('auto')).toBe('pyinotify');
    expect(backendKind('auto')).toBe('files');
    expect(backendKind('systemd')).toBe('journal');
  });

  it('tells a known backend that cannot run here from an unknown one', () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      const call = () => resolveBackendName('systemd', { jail: 'sshd' });
      expect(call).toThrow(BackendUnavailableError);
      expect(call).toThrow("jail 'sshd': backend 'systemd' is unavailable on this host: journalctl was not found on PATH");
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('creates the backend a name resolves to', () => {
    expect(createBackend('polling', { logpaths: [], onLines: () => undefined }).name).toBe('polling');
    expect(createBackend('auto', { logpaths: [], onLines: () => undefined }).name).toBe('pyinotify');
  });

  describe('auto', () => {
    const fake = (name: string, unavailable: string | null): BackendEntry => ({
      unavailable: () => unavailable,
      create: () => ({ name, start: async () => undefined, stop: async () => undefined }) satisfies Backend,
      kind: 'files',
    });

    it('skips a backend that is unavailable here and takes the next', () => {
      const registry = createBackendRegistry(new Map([['events', fake('events', 'no inotify')], ['poll', fake('poll', null)]]), ['events', 'poll']);
      expect(registry.resolve('auto')).toBe('poll');
      expect(registry.create('auto', { logpaths: [], onLines: () => undefined }).name).toBe('poll');
    });

    it('lists every reason when nothing is available', () => {
      const registry = createBackendRegistry(new Map([['events', fake('events', 'no inotify')], ['poll', fake('poll', 'no stat')]]), ['events', 'poll']);
      expect(() => registry.resolve('auto', { jail: 'sshd' })).toThrow(
        "jail 'sshd': backend 'auto' is unavailable on this host: events: no inotify; poll: no stat",
      );
    });

    it('does not skip a misconfigured order entry: an unknown name in the order is a bug, not "unavailable"', () => {
      const registry = createBackendRegistry(new Map([['poll', fake('poll', null)]]), ['typo', 'poll']);
      expect(() => registry.resolve('auto')).toThrow(UnknownBackendError);
    });
  });
});
