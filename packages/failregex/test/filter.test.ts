import { describe, expect, it } from 'vitest';
import { compileFilter, createDnsCache, FilterSpecError, RegexTranslationError } from '@f2b/failregex';
import { defineFilter, detectIsoDate, NOW } from './_helpers.js';

const opts = { detectDate: detectIsoDate, now: () => NOW };

describe('compileFilter', () => {
  it('cuts the date out, matches the rest, and reports id, host, time, fields and matched line', () => {
    const f = compileFilter(defineFilter({ failregex: ['^ auth failed for <F-USER>\\S+</F-USER> from <HOST> port <F-PORT/>$'] }), opts);
    const line = '2005-08-14 10:00:01 auth failed for bob from 192.0.2.7 port 22';
    const r = f.processLine(line);
    expect(r.fails).toHaveLength(1);
    const fail = r.fails[0]!;
    expect(fail.id).toBe('192.0.2.7');
    expect(fail.host).toBe('192.0.2.7');
    expect(fail.time).toBe(Date.UTC(2005, 7, 14, 10, 0, 1) / 1000);
    expect(fail.fields).toMatchObject({ user: 'bob', fport: '22', ip4: '192.0.2.7' });
    expect(fail.matches).toEqual([line]);
    expect(r.dateTemplate).toBe('ISO');
  });

  it('cuts out a date it found but cannot read, and then takes the last date only if it is recent (as Fail2Ban)', () => {
    // A stand-in detector: "0000-…" is a date span whose time cannot be read (NaN).
    const detectDate = (line: string) => {
      if (line.startsWith('0000-12-30 00:00:00')) return { time: Number.NaN, start: 0, end: 19, template: 'ISO' };
      return detectIsoDate(line);
    };
    let now = NOW;
    const f = compileFilter(defineFilter({ failregex: ['^ failure from <HOST>$'] }), { detectDate, now: () => now });
    const odd = '0000-12-30 00:00:00 failure from 192.0.2.1';
    const first = f.processLine(odd);
    expect(first.fails.map((x) => [x.id, x.time])).toEqual([['192.0.2.1', NOW]]);
    expect(first.dateTemplate).toBe('ISO');
    // After a recent readable date, the odd line takes that date and is matched whole (the date is not cut).
    f.processLine('2005-08-14 11:59:59 failure from 192.0.2.2');
    now = Date.UTC(2005, 7, 14, 12, 0, 0) / 1000;
    const second = f.processLine(odd);
    expect(second.fails).toEqual([]);
    const whole = compileFilter(defineFilter({ failregex: ['^0000-12-30 00:00:00 failure from <HOST>$'] }), { detectDate, now: () => now });
    whole.processLine('2005-08-14 11:59:59 failure from 192.0.2.2');
    expect(whole.processLine(odd).fails.map((x) => [x.id, x.time])).toEqual([['192.0.2.1', Date.UTC(2005, 7, 14, 11, 59, 59) / 1000]]);
  });

  it('recognises bracketed and mapped IPv6 forms and normalises the id', () => {
    const f = compileFilter(defineFilter({ failregex: ['^ from <HOST>(?::\\d+)?$'] }), opts);
    const ids = ['[2001:DB8:0:0::7]:22', '::ffff:192.0.2.9', '2001:db8::1', 'host-1.example.org']
      .map((h) => f.processLine(`2005-08-14 10:00:00 from ${h}`).fails[0]?.id);
    expect(ids).toEqual(['2001:db8::7', '192.0.2.9', '2001:db8::1', 'host-1.example.org']);
  });

  it('leaves host names out of <HOST> with usedns=no', () => {
    const f = compileFilter(defineFilter({ failregex: ['^ from <HOST>$'] }), { ...opts, useDns: 'no' });
    expect(f.processLine('2005-08-14 10:00:00 from host.example.org').fails).toEqual([]);
    expect(f.processLine('2005-08-14 10:00:00 from 192.0.2.1').fails[0]?.id).toBe('192.0.2.1');
  });

  it('masks <SUBNET> captures and keeps <F-ID> apart from the address', () => {
    const f = compileFilter(defineFilter({ failregex: ['^ net <SUBNET>$', '^ session <F-ID>\\w+</F-ID> ip <ADDR>$'] }), opts);
    expect(f.processLine('2005-08-14 10:00:00 net 192.0.2.77/24').fails[0]?.id).toBe('192.0.2.0/24');
    const s = f.processLine('2005-08-14 10:00:00 session abc ip 192.0.2.5').fails[0]!;
    expect(s.id).toBe('abc');
    expect(s.fields['ip']).toBe('192.0.2.5');
  });

  it('merges F-ALT_ fields into the main one and F-TUPLE_ fields into a list', () => {
    const f = compileFilter(defineFilter({
      failregex: ['^ (?:user=<F-USER>\\S+</F-USER>|login=<F-ALT_USER_1>\\S+</F-ALT_USER_1>) <F-ID>\\S+</F-ID> <F-TUPLE_ID>\\S+</F-TUPLE_ID>$'],
    }), opts);
    const a = f.processLine('2005-08-14 10:00:00 login=carol s1 s2').fails[0]!;
    expect(a.fields['user']).toBe('carol');
    expect(a.fields['fid']).toEqual(['s1', 's2']);
  });

  it('applies prefregex and matches failregexes against <F-CONTENT>', () => {
    const f = compileFilter(defineFilter({
      prefregex: '^ \\S+ app\\[\\d+\\]: <F-CONTENT>.+</F-CONTENT>$',
      failregex: ['^bad login from <HOST>$'],
    }), opts);
    expect(f.processLine('2005-08-14 10:00:00 srv app[12]: bad login from 192.0.2.3').fails[0]?.id).toBe('192.0.2.3');
    const other = f.processLine('2005-08-14 10:00:00 srv other[12]: bad login from 192.0.2.3');
    expect(other.fails).toEqual([]);
    expect(other.prefregexMatched).toBe(false);
  });

  it('drops a match when an ignoreregex matches it', () => {
    const f = compileFilter(defineFilter({ failregex: ['^ denied <HOST>'], ignoreregex: ['test-account'] }), opts);
    const r = f.processLine('2005-08-14 10:00:00 denied 192.0.2.4 test-account');
    expect(r.fails).toEqual([]);
    expect(r.ignored).toBe(true);
    expect(r.ignoreregexHits).toEqual([0]);
  });

  it('follows a connection over lines with <F-MLFID>, reporting the failure once the address is known', () => {
    const f = compileFilter(defineFilter({
      prefregex: '^ conn\\[<F-MLFID>\\d+</F-MLFID>\\]: <F-CONTENT>.+</F-CONTENT>$',
      failregex: [
        '^user <F-USER>\\S+</F-USER> rejected$',
        '^<F-NOFAIL>connect from</F-NOFAIL> <HOST>$',
        '^<F-MLFFORGET>closed</F-MLFFORGET>$',
      ],
    }), opts);
    const lines = [
      '2005-08-14 10:00:00 conn[7]: connect from 192.0.2.20',
      '2005-08-14 10:00:01 conn[7]: user eve rejected',
      '2005-08-14 10:00:02 conn[7]: closed',
    ];
    const results = lines.map((l) => f.processLine(l));
    expect(results[0]!.fails).toEqual([]);
    expect(results[0]!.nofail).toBe(1);
    const fail = results[1]!.fails[0]!;
    expect(fail.id).toBe('192.0.2.20');
    expect(fail.fields['user']).toBe('eve');
    expect(fail.matches).toEqual([lines[0], lines[1]]);
    expect(results[2]!.fails).toHaveLength(1);
  });

  it('matches across buffered lines with maxlines and leaves <SKIPLINES> lines out of the matches', () => {
    const f = compileFilter(defineFilter({ maxlines: 3, failregex: ['^ login from <HOST><SKIPLINES> login failed$'] }), opts);
    const lines = ['2005-08-14 10:00:00 login from 192.0.2.30', '2005-08-14 10:00:01 noise', '2005-08-14 10:00:02 login failed'];
    const results = lines.map((l) => f.processLine(l));
    expect(results.map((r) => r.fails.length)).toEqual([0, 0, 1]);
    expect(results[2]!.fails[0]!.matches).toEqual([lines[0], lines[2]]);
  });

  it('uses now for --no-date lines and the given time for journal entries', () => {
    const f = compileFilter(defineFilter({ failregex: ['^denied <HOST>$'] }), opts);
    expect(f.processLine('denied 192.0.2.1', { noDate: true }).fails[0]?.time).toBe(NOW);
    expect(f.processLine('denied 192.0.2.1', { time: 1000.5 }).fails[0]?.time).toBe(1000.5);
  });

  it('cuts lines longer than maxLineLength before matching', () => {
    const f = compileFilter(defineFilter({ failregex: ['^denied <HOST>$'] }), { ...opts, maxLineLength: 20 });
    const r = f.processLine(`denied 192.0.2.1${' '.repeat(50)}x`, { noDate: true });
    expect(r.truncated).toBe(true);
    expect(r.fails).toEqual([]);
  });

  it('resolves host names only through the cache, without waiting on the hot path', async () => {
    const lookups: string[] = [];
    const resolver = createDnsCache({ resolve: async (name) => { lookups.push(name); return ['192.0.2.50']; } });
    const f = compileFilter(defineFilter({ failregex: ['^from <HOST>$'] }), { ...opts, useDns: 'yes', resolver });
    const first = f.processLine('from bad.example', { noDate: true }).fails[0]!;
    expect(first).toMatchObject({ id: 'bad.example', unresolved: true });
    await resolver.settled();
    expect(f.processLine('from bad.example', { noDate: true }).fails[0]?.id).toBe('192.0.2.50');
    f.processLine('from bad.example', { noDate: true });
    expect(lookups).toEqual(['bad.example']);
  });

  it('refuses a failregex without a failure-id group, naming the file', () => {
    expect(() => compileFilter(defineFilter({ failregex: ['^no id here$'] }))).toThrow(FilterSpecError);
    expect(() => compileFilter(defineFilter({ failregex: ['^no id here$'] }))).toThrow(
      'filter.d/test.conf: failregex "^no id here$" has no failure-id group (<HOST>, <ADDR>, <F-ID> …)',
    );
  });

  it('reports an untranslatable regex with its role', () => {
    expect(() => compileFilter(defineFilter({ failregex: ['^<HOST>$'], ignoreregex: ['(?>x)'] }))).toThrow(RegexTranslationError);
    expect(() => compileFilter(defineFilter({ failregex: ['^<HOST>$'], ignoreregex: ['(?>x)'] }))).toThrow(
      'filter.d/test.conf: ignoreregex "(?>x)": unsupported group construct \'(?>x\'',
    );
  });
});
