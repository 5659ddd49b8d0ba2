import { describe, expect, it } from 'vitest';
import { compileFilter } from '@f2b/failregex';
import { findRequiredLiteral } from '../src/_required-literal.js';
import { defineFilter, NOW } from './_helpers.js';

describe('findRequiredLiteral', () => {
  it('takes the longest top-level run of plain text outside groups, classes and quantifiers', () => {
    expect(findRequiredLiteral('^\\S+ - [^"]*" 404 [^\\n]+(?=\\n?$)', 'u')).toBe('" 404 ');
    expect(findRequiredLiteral('^abc (?:x|y) defgh', 'u')).toBe(' defgh');
    expect(findRequiredLiteral('^ab de?fgh', 'u')).toBe('ab d');
    expect(findRequiredLiteral('^x\\[\\]\\.y+', 'u')).toBe('x[].');
  });

  it('finds none under a top-level alternation, with ignore-case, or in quantifier bounds and escapes', () => {
    expect(findRequiredLiteral('abcd|efgh', 'u')).toBe('');
    expect(findRequiredLiteral('hello world', 'ui')).toBe('');
    expect(findRequiredLiteral('^[a-z]{3,15}\\(x', 'u')).toBe('');
    expect(findRequiredLiteral('^\\x41\\x42\\u0043\\u{44}\\k<name>\\p{L}\\12345', 'u')).toBe('');
    expect(findRequiredLiteral('(?<n>a)\\k<name>abcd', 'u')).toBe('abcd');
    expect(findRequiredLiteral('^abcd?', 'u')).toBe('');
  });

  it('never turns a match into a miss: a filter gives the same failures with and without the literal present', () => {
    const spec = defineFilter({ failregex: ['^<HOST> - \\S+ "[^"]*" 404 (?:\\d+ )?bytes$', '^[a-z\\-]{3,15}\\(<HOST>\\): (?:unknown|bad) user$'] });
    const filter = compileFilter(spec, { now: () => NOW, checkAllRegex: true });
    expect(filter.processLine('192.0.2.1 - - "GET /x" 404 12 bytes').fails.map((f) => f.id)).toEqual(['192.0.2.1']);
    expect(filter.processLine('192.0.2.1 - - "GET /x" 200 12 bytes').fails).toEqual([]);
    expect(filter.processLine('abc(192.0.2.2): bad user').fails.map((f) => f.id)).toEqual(['192.0.2.2']);
  });
});
