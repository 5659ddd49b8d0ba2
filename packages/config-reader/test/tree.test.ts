import { afterEach, describe, expect, it } from 'vitest';
import { makeTempTree, type TempTree } from '@f2b/test-utils';
import { ConfigTree, layeredFiles } from '../src/_tree.js';

let tree: TempTree;
afterEach(() => tree?.remove());

function load(files: Record<string, string>, name = 'jail'): ConfigTree {
  tree = makeTempTree(files);
  const config = new ConfigTree();
  config.read(layeredFiles(tree.dir, name));
  return config;
}

describe('layering', () => {
  it('reads X.conf, X.d/*.conf (sorted), X.local, X.d/*.local in that order', () => {
    const config = load({
      'jail.conf': '[s]\na = conf\nb = conf\nc = conf\nd = conf\n',
      'jail.d/2.conf': '[s]\nb = d2conf\n',
      'jail.d/1.conf': '[s]\nb = d1conf\nc = d1conf\n',
      'jail.local': '[s]\nc = local\nd = local\n',
      'jail.d/1.local': '[s]\nd = dlocal\n',
    });
    expect(['a', 'b', 'c', 'd'].map((k) => config.get('s', k))).toEqual(['conf', 'd2conf', 'local', 'dlocal']);
    expect(config.files.map((f) => f.slice(tree.dir.length + 1))).toEqual(['jail.conf', 'jail.d/1.conf', 'jail.d/2.conf', 'jail.local', 'jail.d/1.local']);
  });

  it('reads [INCLUDES] before and after relative to the including file, with their .local', () => {
    const config = load({
      'jail.conf': '[INCLUDES]\nbefore = sub/paths.conf\nafter = late.conf\n[s]\na = jail\nb = jail\n',
      'sub/paths.conf': '[INCLUDES]\nbefore = common.conf\n[DEFAULT]\nlog = /var/log/x\n',
      'sub/common.conf': '[DEFAULT]\nroot = common\n',
      'sub/common.local': '[DEFAULT]\nroot = common-local\n',
      'late.conf': '[s]\nb = late\n',
    });
    expect(config.get('s', 'b')).toBe('late');
    expect(config.get('s', 'log')).toBe('/var/log/x');
    expect(config.get('s', 'root')).toBe('common-local');
  });

  it('survives include loops and ignores missing includes', () => {
    const config = load({
      'jail.conf': '[INCLUDES]\nbefore = a.conf\nafter = missing.local\n[s]\nx = 1\n',
      'a.conf': '[INCLUDES]\nbefore = b.conf\n[DEFAULT]\na = 1\n',
      'b.conf': '[INCLUDES]\nbefore = a.conf\n        jail.conf\n[DEFAULT]\nb = 1\n',
    });
    expect(config.get('s', 'a')).toBe('1');
    expect(config.get('s', 'b')).toBe('1');
  });

  it('merges conditional sections into their base with ?condition keys', () => {
    const config = load({ 'jail.conf': '[Init]\nx = v4\n[Init?family=inet6]\nx = v6\n' });
    expect(config.get('Init', 'x')).toBe('v4');
    expect(config.get('Init', 'x?family=inet6')).toBe('v6');
  });
});

describe('interpolation', () => {
  it('expands %(name)s from the section, then [DEFAULT], names case-insensitive', () => {
    const config = load({ 'jail.conf': '[DEFAULT]\nport = ssh\n[s]\nA = a\nv = %(a)s-%(PORT)s-%%\n' });
    expect(config.get('s', 'v')).toBe('a-ssh-%');
  });

  it('expands %(section/name)s, %(default/name)s and __name__', () => {
    const config = load({ 'jail.conf': '[DEFAULT]\nx = def\n[other]\nx = other\n[s]\nx = own\nv = %(other/x)s %(default/x)s %(__name__)s\n' });
    expect(config.get('s', 'v')).toBe('other def s');
  });

  it('expands %(known/name)s to the value before the last override', () => {
    const config = load({
      'jail.conf': '[s]\nfailregex = ^base\n',
      'jail.local': '[s]\nfailregex = %(known/failregex)s\n            ^extra\n',
    });
    expect(config.get('s', 'failregex')).toBe('^base\n^extra');
  });

  it('lets vars win over the section', () => {
    const config = load({ 'jail.conf': '[s]\nname = x\nv = <%(name)s>\n' });
    expect(config.get('s', 'v', new Map([['name', 'jail']]))).toBe('<jail>');
  });

  it.each([
    ['[s]\na = %(b)s\nb = %(a)s\n', /jail\.conf:2: option 'a': interpolation deeper than 10 levels/],
    ['[s]\na = %(nothing)s\n', /jail\.conf:2: option 'a': '%\(nothing\)s' names no option/],
    ['[s]\na = 50%\n', /jail\.conf:2: option 'a': '%' must be followed by '%' or '\(name\)s'/],
  ])('rejects %j with a clear line, never hangs', (text, message) => {
    const config = load({ 'jail.conf': text });
    expect(() => config.get('s', 'a')).toThrow(message);
  });
});
