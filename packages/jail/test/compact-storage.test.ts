/** @module compact-storage.test: the packed failure table gives back exactly what it was given. */
import { describe, expect, it } from 'vitest';
import { createJail } from '@f2b/jail';
import { IntSlotIndex } from '../src/_int-index.js';
import { TextArena } from '../src/_text-arena.js';

describe('IntSlotIndex', () => {
  it('agrees with a Map through random adds and deletes (backward-shift deletion keeps every key findable)', () => {
    const index = new IntSlotIndex();
    const model = new Map<number, number>();
    let seed = 19;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    let nextSlot = 0;
    for (let step = 0; step < 60_000; step++) {
      // A small key range forces collisions and long probe runs.
      const key = (random() % 5000) - 2500;
      if (model.has(key) && random() % 2 === 0) {
        expect(index.delete(key)).toBe(true);
        model.delete(key);
      } else if (!model.has(key)) {
        index.add(key, nextSlot);
        model.set(key, nextSlot++);
      }
      if (step % 1000 === 0) for (const [k, slot] of model) expect(index.get(k)).toBe(slot);
    }
    expect(index.size).toBe(model.size);
    for (let k = -2600; k < 2600; k++) expect(index.get(k)).toBe(model.get(k) ?? -1);
  });
});

describe('TextArena', () => {
  it('round-trips Latin-1 and wider text and keeps live texts through compaction', () => {
    const arena = new TextArena();
    const texts = ['plain ascii', 'café ÿ', 'ключ 🔑', '', 'x'.repeat(100_000), '\ud800 lone surrogate'];
    const refs = texts.map((text) => {
      const size = TextArena.sizeOf(text);
      return { text, size, offset: arena.write(text, size) };
    });
    for (const ref of refs) expect(arena.read(ref.offset, ref.size)).toBe(ref.text);
    // Drop enough to make compaction worth it, keep the rest.
    const filler = Array.from({ length: 300 }, (_, i) => {
      const text = `filler ${i} `.repeat(400);
      const size = TextArena.sizeOf(text);
      return { size, offset: arena.write(text, size) };
    });
    for (const f of filler) arena.drop(f.size);
    expect(arena.wantsCompaction).toBe(true);
    arena.compact((move) => {
      for (const ref of refs) ref.offset = move(ref.offset, ref.size);
    });
    expect(arena.wantsCompaction).toBe(false);
    for (const ref of refs) expect(arena.read(ref.offset, ref.size)).toBe(ref.text);
  });
});

describe('packed failures', () => {
  const NOW = 1_700_000_000;
  const jailWith = (maxretry: number, maxmatches = 5) => createJail({ maxretry, maxmatches, findtime: 600, bantime: 60, now: () => NOW });

  it('hands back lines and fields exactly, whatever they contain', () => {
    const jail = jailWith(2);
    const odd = ['12:34', '=', '', '5:abcde', 'ünïcødé ✓', '\u0000nul', 'line with | and : and ='];
    const ids = ['192.0.2.7', '2001:db8::1', 'some-raw-id', '0.0.0.0', '255.255.255.255'];
    for (const id of ids) {
      jail.addFailure({ id, time: NOW, matches: [odd[0]!, odd[1]!], fields: { user: odd[4]!, ip4: id, note: odd[2]!, eq: '=' } });
      const ticket = jail.addFailure({ id, time: NOW, matches: odd.slice(2), fields: { ignored: 'later fields are not kept' } });
      expect(ticket).toMatchObject({ ip: id, failures: 2, matches: odd.slice(2), fields: { user: odd[4], ip4: id, note: '', eq: '=' } });
      expect(Object.keys(ticket!.fields)).toEqual(['user', 'ip4', 'note', 'eq']);
    }
  });

  it('keeps only the newest maxmatches lines, and non-text fields as given', () => {
    const jail = jailWith(4, 2);
    const fields = { count: 3, list: ['a', 'b'], user: 'root' };
    jail.addFailure({ id: '198.51.100.1', time: NOW, matches: ['one'], fields });
    jail.addFailure({ id: '198.51.100.1', time: NOW, matches: ['two', 'three'] });
    jail.addFailure({ id: '198.51.100.1', time: NOW });
    const ticket = jail.addFailure({ id: '198.51.100.1', time: NOW, matches: ['four'] });
    expect(ticket).toMatchObject({ failures: 4, matches: ['three', 'four'], fields: { count: 3, list: ['a', 'b'], user: 'root' } });
  });

  it('keeps the newest maxmatches lines in order for an address with many failures (past the packed-record size)', () => {
    const jail = jailWith(500, 300);
    const id = '203.0.113.9';
    const lineOf = (n: number) => `Dec  4 10:00:00 host sshd[${n}]: Failed password for root from ${id} port ${n} ssh2`;
    for (let n = 1; n < 500; n++) {
      const lines = [lineOf(n)];
      expect(jail.addFailure({ id, time: NOW, matches: lines, fields: n === 1 ? { user: 'root', ip4: id } : { user: 'later' } })).toBeNull();
      lines[0] = 'changed by the caller afterwards';
    }
    const ticket = jail.addFailure({ id, time: NOW, matches: [lineOf(500)] });
    expect(ticket?.failures).toBe(500);
    expect(ticket?.matches).toEqual(Array.from({ length: 300 }, (_, k) => lineOf(201 + k)));
    expect(ticket?.fields).toEqual({ user: 'root', ip4: id });
  });

  it('reads every record right after the arena compacted under churn', () => {
    const clock = { t: NOW };
    const jail = createJail({ maxretry: 3, maxmatches: 3, findtime: 10, bantime: 60, now: () => clock.t });
    const line = (i: number, round: number) => `round ${round} address ${i} `.padEnd(120, '.');
    // Rounds of 20,000 addresses that age out make dead bytes pile up and the arena compact several times.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 20_000; i++) jail.addFailure({ id: `10.${round}.${i >> 8}.${i & 255}`, matches: [line(i, round)], fields: { user: `u${i}` } });
      clock.t += 11;
      jail.cleanupFailures();
    }
    for (let i = 0; i < 20_000; i++) jail.addFailure({ id: `10.9.${i >> 8}.${i & 255}`, matches: [line(i, 9)], fields: { user: `u${i}` } });
    for (let i = 0; i < 20_000; i += 997) {
      const id = `10.9.${i >> 8}.${i & 255}`;
      jail.addFailure({ id });
      expect(jail.addFailure({ id, matches: ['last'] })).toMatchObject({ ip: id, failures: 3, matches: [line(i, 9), 'last'], fields: { user: `u${i}` } });
    }
  });
});

describe('ids that look almost like IPv4', () => {
  it('keeps non-canonical dotted ids apart from the addresses they resemble', () => {
    const jail = createJail({ maxretry: 2, findtime: 600, bantime: 60, now: () => 1_700_000_000 });
    const ids = ['10.0.0.1', '010.0.0.1', '10.0.0.01', '10.0.0.256', '10.0.0', '10.0.0.1.', '.10.0.0.1', '10..0.1', '1.2.3.4x', '0.0.0.0'];
    for (const id of ids) expect(jail.addFailure({ id, matches: [`first ${id}`] })).toBeNull();
    expect(jail.status().currentlyFailed).toBe(ids.length);
    for (const id of ids) expect(jail.addFailure({ id })).toMatchObject({ ip: id, failures: 2, matches: [`first ${id}`] });
  });
});
