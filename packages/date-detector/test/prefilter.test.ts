/** @module prefilter.test: the cheap whole-line tests that rule templates out before their regexes run. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinePrefilter, withoutOptionalEnds } from '../src/_prefilter.js';
import { createDateDetector } from '../src/index.js';

afterEach(() => vi.restoreAllMocks());

describe('withoutOptionalEnds', () => {
  it('drops optional pieces at both ends and looks inside one group around everything', () => {
    expect(withoutOptionalEnds('(?:(?P<z>Z|UTC) )?(?:(?P<a>mon|tue) )?(?P<b>jan|feb) (?P<d>\\d\\d)(?:\\.(?P<f>\\d{1,6}))?(?: (?P<Y>\\d{4}))?'))
      .toBe('(?P<b>jan|feb) (?P<d>\\d\\d)');
    expect(withoutOptionalEnds('((?:x )*a[?)]b{0,2})')).toBe('a[?)]');
    expect(withoutOptionalEnds('(?:a){,3}b\\(?c*')).toBe('b');
    expect(withoutOptionalEnds('(?:a){,3}b\\(c*')).toBe('b\\(');
    // a `{` that starts no quantifier is a literal, and so required
    expect(withoutOptionalEnds('(?:y)?x{a}')).toBe('x{a}');
    expect(withoutOptionalEnds('x?{a}')).toBeNull(); // a quantifier after a quantifier is not read
  });

  it('keeps what it cannot cut safely', () => {
    expect(withoutOptionalEnds('(?:a )?b|c')).toBeNull(); // alternation at the top
    expect(withoutOptionalEnds('(x)?y\\1')).toBeNull(); // numbered back-reference
    expect(withoutOptionalEnds('(?P<s>-)?a(?(s)b|c)')).toBeNull(); // conditional
    expect(withoutOptionalEnds('(?:a)?')).toBeNull(); // nothing required
    expect(withoutOptionalEnds('(?=x)y')).toBe('(?=x)y'); // a lookahead is no group to look inside
    expect(withoutOptionalEnds('a(b')).toBeNull();
  });
});

describe('LinePrefilter', () => {
  it('builds its test once, on first use, and asks it once per line however many templates share it', () => {
    const test = vi.fn((line: string) => line.includes('x'));
    const build = vi.fn(() => test);
    const prefilter = new LinePrefilter(build);
    expect(build).not.toHaveBeenCalled();
    expect([prefilter.admits('axb'), prefilter.admits('axb'), prefilter.admits('abc'), prefilter.admits('abc')]).toEqual([true, true, false, false]);
    expect(build).toHaveBeenCalledTimes(1);
    expect(test).toHaveBeenCalledTimes(2);
    // no test could be made: every line passes
    expect(new LinePrefilter(() => null).admits('anything')).toBe(true);
  });
});

describe('default templates on a line whose date moves', () => {
  const NOW = Date.UTC(2026, 2, 4) / 1000;
  const line = (host: string, second: number) => `${host} - - [04/Mar/2026:10:11:${String(second).padStart(2, '0')} +0000] "GET /index.html HTTP/1.1" 200 512 "-" "curl/8.5.0"`;

  it('runs few template regexes per line: the others are ruled out by their prefilters', () => {
    const detector = createDateDetector({ now: () => NOW });
    const hosts = ['192.0.2.1', '198.51.100.23', '2001:db8::7', '203.0.113.200'];
    for (let k = 0; k < 8; k++) detector.detect(line(hosts[k % 4] as string, k)); // compile and warm up
    // Template regexes are global (prefilters are not); anchored ones fail at once off the line's start.
    let searches = 0;
    const exec = RegExp.prototype.exec;
    vi.spyOn(RegExp.prototype, 'exec').mockImplementation(function (this: RegExp, text: string) {
      if (this.global && !this.source.startsWith('^')) searches++;
      return exec.call(this, text);
    });
    const found = [];
    for (let k = 0; k < 40; k++) found.push(detector.locate(line(hosts[k % 4] as string, k % 60)));
    expect(found.every((m) => m?.template.includes('MON') === true)).toBe(true);
    // the winner's own search; without prefilters each of the ~15 unanchored templates searched each line
    expect(searches / 40).toBeLessThanOrEqual(1);
  });
});
