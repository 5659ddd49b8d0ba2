import { describe, expect, it } from 'vitest';
import { compileFilter } from '@f2b/failregex';
import { FilterRegex } from '../src/regex.js';
import { endsWithContent } from '../src/_content.js';
import { defineFilter, detectIsoDate, NOW } from './_helpers.js';

const origin = { file: 'filter.d/test.conf', role: 'prefregex', useDns: 'raw' as const };
const prefregex = (written: string, multiline = false): FilterRegex => new FilterRegex(written, { ...origin, multiline });

describe('endsWithContent', () => {
  it('accepts a content group that ends the pattern as .+$', () => {
    expect(endsWithContent(prefregex('^<F-MLFID>\\w+</F-MLFID>: <F-CONTENT>.+</F-CONTENT>$'))).toBe(true);
    expect(endsWithContent(prefregex('^(?P<pid>\\d+) (?P<content>.+)$'))).toBe(true);
  });

  it('refuses anything else, where the content may not end the buffer', () => {
    expect(endsWithContent(prefregex('^(?P<content>.+) end$'))).toBe(false);
    expect(endsWithContent(prefregex('^<F-CONTENT>.+</F-CONTENT>(x)?$'))).toBe(false);
    expect(endsWithContent(prefregex('^<F-CONTENT>.+</F-CONTENT>$', true))).toBe(false);
    expect(endsWithContent(prefregex('^(?P<pid>\\d+) (?s:(?P<content>.+))$'))).toBe(false);
    expect(endsWithContent(prefregex('^(?P<pid>\\d+)$'))).toBe(false);
  });

  it('gives the failregexes the same text either way', () => {
    const lines = ['2005-08-14 10:00:00 id 7: login failed from 192.0.2.7', '2005-08-14 10:00:01 id 8: login failed from 192.0.2.8 '];
    const ids = (pref: string): (string | undefined)[] => {
      const f = compileFilter(defineFilter({ prefregex: pref, failregex: ['^login failed from <HOST>\\s*$'] }), { detectDate: detectIsoDate, now: () => NOW });
      return lines.map((l) => f.processLine(l).fails[0]?.id);
    };
    expect(ids('^ id \\d+: <F-CONTENT>.+</F-CONTENT>$')).toEqual(['192.0.2.7', '192.0.2.8']);
    expect(ids('^ id \\d+: (?P<content>.+)(?:)$')).toEqual(['192.0.2.7', '192.0.2.8']);
  });
});
