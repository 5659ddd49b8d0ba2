import { describe, expect, it } from 'vitest';
import { parseIni } from '../src/_ini.js';
import { ConfigError } from '@f2b/config-reader';

const values = (text: string, section = 'S') =>
  Object.fromEntries([...(parseIni(text, 'x.conf').sections.get(section) ?? new Map())].map(([k, v]) => [k, v.value]));

describe('parseIni', () => {
  it('reads key = value and key: value, lower-casing names', () => {
    expect(values('[S]\nA = 1\nb: two\nc=x=y\n')).toEqual({ a: '1', b: 'two', c: 'x=y' });
  });

  it('joins indented continuation lines with new lines, each line trimmed', () => {
    expect(values('[S]\nfailregex = ^one\n            ^two\n\t^three\nnext = 1\n')).toEqual({ failregex: '^one\n^two\n^three', next: '1' });
  });

  it('drops full-line # and ; comments, also inside a multi-line value', () => {
    expect(values('# top\n[S]\n; c\na = 1\n    # skipped\n    2\n')).toEqual({ a: '1\n2' });
  });

  it('cuts inline ; comments only after whitespace; # inline is kept', () => {
    expect(values('[S]\na = 1 ; note\nb = x;y\nc = 2 # kept\n')).toEqual({ a: '1', b: 'x;y', c: '2 # kept' });
  });

  it('keeps empty lines inside a value but trims trailing ones', () => {
    expect(values('[S]\na = 1\n\n  2\n\n\nb = 3\n')).toEqual({ a: '1\n\n2', b: '3' });
  });

  it('keeps [DEFAULT] apart from the sections', () => {
    const ini = parseIni('[DEFAULT]\nx = 1\n[S]\ny = 2\n', 'f');
    expect(ini.defaults.get('x')?.value).toBe('1');
    expect([...ini.sections.keys()]).toEqual(['S']);
  });

  it('records the line of each option', () => {
    expect(parseIni('[S]\n\na = 1\n', 'f').sections.get('S')?.get('a')?.line).toBe(3);
  });

  it.each([
    ['a = 1\n', "x.conf:1: option outside any [section]: 'a = 1'"],
    ['[S]\njust words\n', "x.conf:2: expected 'name = value', got 'just words'"],
    ['[S]\na = 1\nA = 2\n', "x.conf:3: option 'a' already set in this section (line 2)"],
    ['[S]\n[S]\n', "x.conf:2: section 'S' already exists in this file"],
  ])('rejects %j with one line naming file and line', (text, message) => {
    expect(() => parseIni(text, 'x.conf')).toThrow(new ConfigError('E_CONFIG_SYNTAX', message));
  });
});
