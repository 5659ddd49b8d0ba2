import { describe, expect, it } from 'vitest';
import { compileFilter } from '@f2b/failregex';
import { anyOfRegExp, findAlternativesAtEnd, findRequiredAlternatives, findRequiredLiteral } from '../src/_required-literal.js';
import { isPythonSpace } from '../src/_cut-line.js';
import { SPACE_SET } from '../src/_pyre-escapes.js';
import { FilterRegex } from '../src/regex.js';
import { defineFilter, NOW } from './_helpers.js';

describe('findAlternativesAtEnd', () => {
  const END = '(?=\\n?$)';
  const SPACES = `[${SPACE_SET}]*`;
  it('finds the literal endings of a group of alternatives that ends every match, and the text after it', () => {
    expect(findAlternativesAtEnd(`^a (?:bbbb|cc\\.c|dd|e\\d+ee)"x${END}`, 'u')).toEqual({ tails: ['bbbb', 'cc.c', 'dd', 'ee'], suffix: '"x', spaceAtEnd: false });
    expect(findAlternativesAtEnd(`^a (?<n>bbbb|cc|dd|ee)${END}`, 'u')).toEqual({ tails: ['bbbb', 'cc', 'dd', 'ee'], suffix: '', spaceAtEnd: false });
    expect(findAlternativesAtEnd(`^a (?:bbbb|cc|dd|ee)\\)${END}`, 'u')).toEqual({ tails: ['bbbb', 'cc', 'dd', 'ee'], suffix: ')', spaceAtEnd: false });
    expect(findAlternativesAtEnd(`^a (?:bbbb|cc)"${END}`, 'u')).toEqual({ tails: ['bbbb', 'cc'], suffix: '"', spaceAtEnd: false });
  });

  it("takes Python's \\s* before the end (named-refused: \\s(?:denied|\\(NOTAUTH\\))\\s*$)", () => {
    expect(findAlternativesAtEnd(`^a [${SPACE_SET}](?:denied|\\(NOTAUTH\\))${SPACES}${END}`, 'u')).toEqual({ tails: ['denied', '(NOTAUTH)'], suffix: '', spaceAtEnd: true });
    expect(findAlternativesAtEnd(`^a (?:bb|cc)x\\.${SPACES}${END}`, 'u')).toEqual({ tails: ['bb', 'cc'], suffix: 'x.', spaceAtEnd: true });
    // skipping the closing whitespace would reach into text that ends with a space
    expect(findAlternativesAtEnd(`^a (?:bb |cc)${SPACES}${END}`, 'u')).toBeNull();
    expect(findAlternativesAtEnd(`^a (?:bb|cc)x ${SPACES}${END}`, 'u')).toBeNull();
    // an escaped bracket is text, not the class
    expect(findAlternativesAtEnd(`^a (?:bb|cc)\\${SPACES}${END}`, 'u')).toBeNull();
  });

  it('finds none when an alternative ends otherwise, the group is optional or a look-around, or the flags say so', () => {
    expect(findAlternativesAtEnd(`^a (?:bbbb|cc|dd|e\\d+)"${END}`, 'u')).toBeNull();
    expect(findAlternativesAtEnd(`^a (?:bbbb)"${END}`, 'u')).toBeNull();
    expect(findAlternativesAtEnd(`^a (?:bbbb|cc|dd|ee)?"${END}`, 'u')).toBeNull();
    expect(findAlternativesAtEnd(`^a (?=bbbb|cc|dd|ee)"${END}`, 'u')).toBeNull();
    expect(findAlternativesAtEnd(`^a (?:bbbb|cc|dd|ee)[x]${END}`, 'u')).toBeNull();
    expect(findAlternativesAtEnd(`^a|(?:bbbb|cc|dd|ee)"${END}`, 'u')).toBeNull();
    expect(findAlternativesAtEnd(`^a (?:bbbb|cc|dd|ee)"${END}`, 'um')).toBeNull();
    expect(findAlternativesAtEnd(`^a (?:bbbb|cc|dd|ee)"${END}`, 'ui')).toBeNull();
    expect(findAlternativesAtEnd('^a (?:bbbb|cc|dd|ee)"', 'u')).toBeNull();
  });
});

describe('isPythonSpace', () => {
  it("is the translation's \\s class, code unit by code unit", () => {
    const space = new RegExp(`^[${SPACE_SET}]$`, 'u');
    for (let code = 0; code <= 0xffff; code++) {
      if (isPythonSpace(code) !== space.test(String.fromCharCode(code))) expect.fail(`U+${code.toString(16)}`);
    }
  });
});

describe('a regex ending in alternatives and \\s*', () => {
  // named-refused's prefregex, shortened
  const fr = new FilterRegex('^client <HOST>#\\S+: <F-CONTENT>.+</F-CONTENT>\\s(?:denied|\\(NOTAUTH\\))\\s*$', { file: 'filter.d/test.conf', role: 'prefregex', useDns: 'raw' });
  it('turns down only lines the regex does not match', () => {
    const ends = ['denied', 'denied ', 'denied\t \u3000', 'denied\u2028', '(NOTAUTH)', '(NOTAUTH)\u00a0', 'denied x', 'undenied', 'NOTAUTH)', 'denie', 'denied\u200b', ''];
    let matched = 0;
    for (const end of ends) {
      for (const text of [`client 192.0.2.1#53: query 'a/A/IN' ${end}`, `client 192.0.2.1#53: query ${end}\n`, `client 192.0.2.1#53: ${end}\n\n`]) {
        const expected = fr.re.exec(text) !== null;
        if (expected) matched++;
        expect(fr.exec(text) !== null, JSON.stringify(text)).toBe(expected);
        // ascii: the cheaper regex for text with only ASCII characters
        if (/^[\x00-\x7f]*$/.test(text)) expect(fr.exec(text, true) !== null, JSON.stringify(text)).toBe(expected);
      }
    }
    expect(matched).toBeGreaterThan(10);
  });
});

describe('findRequiredLiteral', () => {
  it('takes the longest top-level run of plain text outside groups, classes and quantifiers', () => {
    expect(findRequiredLiteral('^\\S+ - [^"]*" 404 [^\\n]+(?=\\n?$)', 'u')).toBe('" 404 ');
    expect(findRequiredLiteral('^abc (?:x|y) defgh', 'u')).toBe(' defgh');
    expect(findRequiredLiteral('^ab de?fgh', 'u')).toBe('ab d');
    expect(findRequiredLiteral('^x\\[\\]\\.y+', 'u')).toBe('x[].');
  });

  it('prefers the run with more letters and digits over a longer or earlier run of punctuation', () => {
    // nginx-bad-request after translation: ` [] "` is on every access-log line once the date is cut, `" 400` is not
    expect(findRequiredLiteral('^(?:\\[?(?<h>[0-9.]+)\\]?) - [^\\s]+ \\[\\] "[^"]*" 400', 'u')).toBe('" 400');
    expect(findRequiredLiteral('^x ::: -- [\\d]+ ab:c', 'u')).toBe(' ab:c');
    // equal letters and digits: the longer run, then the first
    expect(findRequiredLiteral('^a---- \\d a---', 'u')).toBe('a---- ');
    expect(findRequiredLiteral('^ab-- \\d --ab', 'u')).toBe('ab-- ');
    // a run shorter than four characters is never taken, however specific
    expect(findRequiredLiteral('^abc\\s:::: ', 'u')).toBe(':::: ');
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

describe('findRequiredAlternatives', () => {
  it('takes the literal of each alternative of an unrepeated top-level group', () => {
    expect(findRequiredAlternatives('^\\S+ "(?:Spider\\/1\\.0|EmailWolf|(?:Mozilla\\/\\d+ )?Jorgee|abcd)"$', 'u')).toEqual(['Spider/1.0', 'EmailWolf', 'Jorgee', 'abcd']);
    expect(findRequiredAlternatives('^x (?<agent>aaaa|bbbb|cccc|dddd) y', 'u')).toEqual(['aaaa', 'bbbb', 'cccc', 'dddd']);
    expect(findRequiredAlternatives('^x (aaaa|bbbb|cccc|dddd) y', 'u')).toEqual(['aaaa', 'bbbb', 'cccc', 'dddd']);
  });

  it('finds none when a match may do without the group, or an alternative has no literal', () => {
    expect(findRequiredAlternatives('^x (?:aaaa|bbbb|cccc|dddd)? y', 'u')).toBeNull();
    expect(findRequiredAlternatives('^x (?:aaaa|bbbb|cccc|dddd){0,2} y', 'u')).toBeNull();
    expect(findRequiredAlternatives('^x (?:aaaa|bbbb|cccc|dddd) y|z', 'u')).toBeNull();
    expect(findRequiredAlternatives('^x (?=aaaa|bbbb|cccc|dddd)', 'u')).toBeNull();
    expect(findRequiredAlternatives('^x (?<!aaaa|bbbb|cccc|dddd)', 'u')).toBeNull();
    expect(findRequiredAlternatives('^x (?:aaaa|bbbb|cccc|d\\d+)', 'u')).toBeNull();
    expect(findRequiredAlternatives('^x (?:aaaa|bbbb|cccc|)', 'u')).toBeNull();
    expect(findRequiredAlternatives('^x (?:aaaa|bbbb|cccc)', 'u')).toBeNull();
    expect(findRequiredAlternatives('^x (?:aaaa|bbbb|cccc|dddd)', 'ui')).toBeNull();
    expect(findRequiredAlternatives('^x [(](?:aaaa|bbbb)|(?:cccc|dddd)', 'u')).toBeNull();
  });

  it('takes two or three alternatives only behind something that repeats', () => {
    expect(findRequiredAlternatives('^\\S+ (?:aaaa|bbbb) y', 'u')).toEqual(['aaaa', 'bbbb']);
    expect(findRequiredAlternatives('^x(?:(?:y+)|) (?:aaaa|bbbb|cccc) z', 'u')).toEqual(['aaaa', 'bbbb', 'cccc']);
    // postfix's prefregex, as translated: optional host and process parts, then its mode's alternatives
    const postfix = '^(?:(?:\\[\\])|)\\s*(?:(?:\\S+\\s+)|)(?:\\w+: (?:(?:milter-)|)reject:|(?:improper command pipelining|too many errors) after \\S+) ([^\\n]+)(?=\\n?$)';
    expect(findRequiredAlternatives(postfix, 'u')).toEqual(['reject:', ' after ']);
    expect(findRequiredAlternatives('^x (?:aaaa|bbbb) y', 'u')).toBeNull();
    expect(findRequiredAlternatives('^(?<name>x) (?:aaaa|bbbb) y', 'u')).toBeNull();
    expect(findRequiredAlternatives('^[+*?]{2} (?:aaaa|bbbb) y', 'u')).toEqual(['aaaa', 'bbbb']);
    expect(findRequiredAlternatives('^\\+\\* (?:aaaa|bbbb) y', 'u')).toBeNull();
    expect(findRequiredAlternatives('^\\p{L}\\u{2a} (?:aaaa|bbbb) y', 'u')).toBeNull();
  });

  it('builds a search that takes every text literally', () => {
    const re = anyOfRegExp(['a.b(c)', 'x|y/z', '[q]{2}\\']);
    expect(re.test('-- a.b(c) --')).toBe(true);
    expect(re.test('axb(c)')).toBe(false);
    expect(re.test('x|y/z')).toBe(true);
    expect(re.test('x')).toBe(false);
    expect(re.test('[q]{2}\\')).toBe(true);
  });

  it('never turns a prefregex match into a miss', () => {
    const spec = defineFilter({
      prefregex: '^\\S+ (?:\\w+: reject:|(?:too many errors|bad command) after \\S+) <F-CONTENT>.+</F-CONTENT>$',
      failregex: ['^from <HOST>'],
    });
    const filter = compileFilter(spec, { now: () => NOW });
    expect(filter.processLine('mx1 A1B2: reject: from 192.0.2.1').fails.map((f) => f.id)).toEqual(['192.0.2.1']);
    expect(filter.processLine('mx1 bad command after EHLO from 192.0.2.2').fails.map((f) => f.id)).toEqual(['192.0.2.2']);
    expect(filter.processLine('mx1 lost connection after EHLO from 192.0.2.3').prefregexMatched).toBe(false);
    expect(filter.processLine('mx1 A1B2: accept: from 192.0.2.4').prefregexMatched).toBe(false);
  });

  it('never turns a match into a miss', () => {
    const spec = defineFilter({ failregex: ['^<HOST> -.*"GET .*"(?:EmailWolf|Spider/1\\.0|(?:Mozilla/\\d+ )?Jorgee|NetBot)"$'] });
    const filter = compileFilter(spec, { now: () => NOW });
    expect(filter.processLine('192.0.2.1 - "GET /" 200 "Mozilla/5 Jorgee"').fails.map((f) => f.id)).toEqual(['192.0.2.1']);
    expect(filter.processLine('192.0.2.2 - "GET /" 200 "Spider/1.0"').fails.map((f) => f.id)).toEqual(['192.0.2.2']);
    expect(filter.processLine('192.0.2.3 - "GET /" 200 "Spider/2.0"').fails).toEqual([]);
  });
});
