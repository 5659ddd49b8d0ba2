import { describe, expect, it } from 'vitest';
import { readShape } from '../src/_shape.js';
import { createDateDetector } from '../src/index.js';

const TAIL = '(?!x)';

describe('readShape', () => {
  it('sees a start anchor only without a top-level alternation', () => {
    expect(readShape('^a(b)', '').startAnchored).toBe(true);
    expect(readShape('^a|(b)', '').startAnchored).toBe(false);
    expect(readShape('^(?:a|b)(c)', '').startAnchored).toBe(true);
    expect(readShape('a^(b)', '').startAnchored).toBe(false);
  });

  it('sees group 1 as the tail only at the top level, last, or followed by the given look-ahead', () => {
    expect(readShape('^[^\\[]*\\[(\\d+)', '').group1IsTail).toBe(true);
    expect(readShape(`^[^\\[]*\\[(\\d+)${TAIL}`, TAIL).group1IsTail).toBe(true);
    expect(readShape('^(\\d+) x', '').group1IsTail).toBe(false);
    expect(readShape('^(?:(\\d+))?', '').group1IsTail).toBe(false);
    expect(readShape('(?:a(\\d+))', '').group1IsTail).toBe(false);
    expect(readShape('^(?<y>\\d+)(b)', '').group1IsTail).toBe(false);
    expect(readShape('^(?:x)(?<=a)(\\d+(?:[)]|\\)))', '').group1IsTail).toBe(true);
    expect(readShape('^(a)|(b)', '').group1IsTail).toBe(false);
  });
});

describe('templates with the date as their last group', () => {
  it('find the same span in a line as before, and the next line inside the old span too', () => {
    const d = createDateDetector({ datepattern: ['^[^\\[]*\\[({DATE})'], now: () => 1772607909 });
    const a = '192.0.2.7 - - [04/Mar/2026:07:05:09 +0000] "GET / HTTP/1.1" 200';
    const b = '192.0.2.77 - - [04/Mar/2026:07:05:10 +0000] "GET / HTTP/1.1" 200';
    expect(d.detect(a)).toMatchObject({ start: 15, end: 41, time: 1772607909 });
    expect(d.detect(b)).toMatchObject({ start: 16, end: 42, time: 1772607910 });
    expect(d.detect(a)).toMatchObject({ start: 15, end: 41, time: 1772607909 });
  });
});
