/** @module datepattern-test: custom datepatterns: each strptime directive, the special values, and errors. */
import { describe, expect, it } from 'vitest';
import { createDateDetector, DatePatternError } from '@f2b/date-detector';
import { NOW, utc } from './_helpers.js';

function read(pattern: string | string[], line: string): { time: number | null; text: string; template: string } | null {
  const detector = createDateDetector({ datepattern: Array.isArray(pattern) ? pattern : [pattern], now: () => NOW });
  const found = detector.locate(line);
  return found === null ? null : { time: found.time, text: line.slice(found.start, found.end), template: found.template };
}

describe('strptime directives', () => {
  const CASES: ReadonlyArray<[string, string, number]> = [
    ['%Y-%m-%d %H:%M:%S', '2005-08-14 10:11:12', utc(2005, 8, 14, 8, 11, 12)],
    ['%y%m%d %H%M%S', '050814 101112', utc(2005, 8, 14, 8, 11, 12)],
    ['%d.%m.%Y %H:%M', '14.8.2005 10:11', utc(2005, 8, 14, 8, 11)],
    ['%e %b %Y %H:%M:%S', ' 4 Aug 2005 10:11:12', utc(2005, 8, 4, 8, 11, 12)],
    ['%d %B %Y %I:%M:%S %p', '14 August 2005 10:11:12 PM', utc(2005, 8, 14, 20, 11, 12)],
    ['%d %B %Y %I:%M:%S %p', '14 august 2005 12:11:12 am', utc(2005, 8, 13, 22, 11, 12)],
    ['%I:%M:%S %p %d/%m/%Y', '12:00:00 PM 14/08/2005', utc(2005, 8, 14, 10)],
    ['%A, %d %b %Y %H:%M:%S', 'Sunday, 14 Aug 2005 10:11:12', utc(2005, 8, 14, 8, 11, 12)],
    ['%a %d %b %Y %H:%M:%S.%f', 'Sun 14 Aug 2005 10:11:12.5', utc(2005, 8, 14, 8, 11, 12)],
    ['%Y-%m-%dT%H:%M:%S%z', '2005-08-14T10:11:12+0300', utc(2005, 8, 14, 7, 11, 12)],
    ['%Y-%m-%d %H:%M:%S %Z', '2005-08-14 10:11:12 GMT', utc(2005, 8, 14, 10, 11, 12)],
    ['%Y %j %H:%M:%S', '2005 226 10:11:12', utc(2005, 8, 14, 8, 11, 12)],
    ['%Y %j %H:%M:%S', '2004 366 10:11:12', utc(2004, 12, 31, 9, 11, 12)],
    ['%Y week %U %a %H:%M', '2005 week 33 Sun 10:11', utc(2005, 8, 14, 8, 11)],
    ['%Y week %W %w %H:%M', '2005 week 32 0 10:11', utc(2005, 8, 14, 8, 11)],
    ['%s', '1124013600', NOW],
    ['\\[%s\\]', '[1124013601]', NOW + 1],
    ['%d/%m/%Y %k:%M:%S', '14/08/2005  9:11:12', utc(2005, 8, 14, 7, 11, 12)],
    ['%d/%m/%Y %l:%M:%S %p', '14/08/2005  9:11:12 pm', utc(2005, 8, 14, 19, 11, 12)],
    ['%Y-%m-%d %X', '2005-08-14 10:11:12', utc(2005, 8, 14, 8, 11, 12)],
    ['%x %H:%M', '08/14/05 10:11', utc(2005, 8, 14, 8, 11)],
    ['%ExY%Exm%Exd%ExH%ExM%ExS', '20050814101112', utc(2005, 8, 14, 8, 11, 12)],
    ['%Exd.%Exm.%Exy %Exk:%M', '14.08.05  9:11', utc(2005, 8, 14, 7, 11)],
    ['%Y-%m-%d %H:%M:%S %ExZ', '2005-08-14 10:11:12 JST', utc(2005, 8, 14, 1, 11, 12)],
    ['%Y-%m-%d %H:%M:%S %Exz', '2005-08-14 10:11:12 UTC+0200', utc(2005, 8, 14, 8, 11, 12)],
    ['100%% %Y-%m-%d %H:%M:%S', '100% 2005-08-14 10:11:12', utc(2005, 8, 14, 8, 11, 12)],
  ];

  it.each(CASES)('%s reads %j', (pattern, text, time) => {
    const found = read(pattern, `x ${text} y`);
    expect(found?.text).toBe(text);
    expect(found?.time).toBe(time);
  });

  it('%ExY accepts only years from 2000 up to a few years ahead', () => {
    expect(read('%ExY-%m-%d %H:%M', '1999-08-14 10:11')).toBeNull();
    expect(read('%Y-%m-%d %H:%M', '1999-08-14 10:11')?.time).toBe(utc(1999, 8, 14, 8, 11));
    expect(read('%ExY-%m-%d %H:%M', '2005-08-14 10:11')?.time).toBe(utc(2005, 8, 14, 8, 11));
  });

  it('%Exm and %Exd demand two digits where %m and %d do not', () => {
    expect(read('%Y%m%d', '2005814')?.time).toBe(utc(2005, 8, 13, 22));
    expect(read('%Y%Exm%Exd', '2005814')).toBeNull();
  });

  it('names templates the way fail2ban-regex prints them', () => {
    expect(read('%Y-%m-%d %H:%M:%S', '2005-08-14 10:11:12')?.template).toBe('Year-Month-Day 24hour:Minute:Second');
    expect(read('{^LN-BEG}%b %d %k:%M:%S', 'Aug 14 10:11:12')?.template).toBe('{^LN-BEG}MON Day %k:Minute:Second');
  });
});

describe('special datepattern values', () => {
  it('detectSpanInto reports a date it cannot read with time NaN, but no empty match', () => {
    const detector = createDateDetector({ datepattern: ['{^LN-BEG}%Y(?P<_sep>[-/.])%m(?P=_sep)%d[T ]%H:%M:%S'], now: () => NOW });
    const out = { time: 0, start: 0, end: 0, template: '' };
    expect(detector.detectInto('0000-12-30 00:00:00 server x', out)).toBe(false);
    expect(detector.detectSpanInto('0000-12-30 00:00:00 server x', out)).toBe(true);
    expect(out).toMatchObject({ time: Number.NaN, start: 0, end: 19 });
    expect(detector.detectSpanInto('2005-08-14 10:11:12 server x', out)).toBe(true);
    expect(out.time).toBe(utc(2005, 8, 14, 8, 11, 12));
    const none = createDateDetector({ datepattern: ['{NONE}'], now: () => NOW });
    expect(none.detectSpanInto('no date here', out)).toBe(false);
  });

  it('EPOCH, LEPOCH and TAI64N, with and without line anchors', () => {
    expect(read('EPOCH', 'x 1124013600 y')).toBeNull();
    expect(read('EPOCH', '1124013600.500 y')).toMatchObject({ time: NOW + 0.5, template: 'Epoch' });
    expect(read('EPOCH', '1124013600.5 y')).toMatchObject({ time: NOW, text: '1124013600' });
    expect(read('epoch', '[1124013600] y')).toMatchObject({ time: NOW, text: '1124013600' });
    expect(read('{^LN-BEG}EPOCH', '  1124013600 y')).toMatchObject({ time: NOW, template: '{^LN-BEG}Epoch' });
    expect(read('LEPOCH', '1124013600500 y')?.time).toBeCloseTo(NOW + 0.5, 6);
    expect(read('TAI64N', 'x @400000004a5c1b4b00000000 y')).toMatchObject({ time: 0x4a5c1b4b, template: 'TAI64N' });
    expect(read('{^LN-BEG}TAI64N', 'x @400000004a5c1b4b00000000 y')).toBeNull();
  });

  it('{EPOCH} and {LEPOCH} inside a pattern', () => {
    expect(read('ts={EPOCH}', 'a ts=1124013600 b')).toMatchObject({ time: NOW, text: 'ts=1124013600' });
    expect(read('^\\[{LEPOCH}\\]', '[1124013600250] b')?.time).toBeCloseTo(NOW + 0.25, 6);
  });

  it('{^LN-BEG} ties a pattern to the line start, after at most two non-word characters', () => {
    expect(read('{^LN-BEG}%Y-%m-%d %H:%M:%S', '[ 2005-08-14 10:11:12] x')?.text).toBe('2005-08-14 10:11:12');
    expect(read('{^LN-BEG}%Y-%m-%d %H:%M:%S', 'x 2005-08-14 10:11:12')).toBeNull();
    expect(read('{^LN-BEG}%Y-%m-%d %H:%M:%S', '[[[2005-08-14 10:11:12')).toBeNull();
  });

  it('{UNB} drops the word boundaries, ** drops one side', () => {
    expect(read('%Y%m%d', 'id20050814x')).toBeNull();
    expect(read('{UNB}%Y%m%d', 'id20050814x')?.text).toBe('20050814');
    expect(read('**%Y%m%d', 'id20050814 x')?.text).toBe('20050814');
    expect(read('**%Y%m%d', 'id20050814x')).toBeNull();
  });

  it('{DATE} puts each default format into a context', () => {
    const found = read('^[^\\[]*\\[({DATE})', 'host - [14/Aug/2005:10:11:12 +0000] "GET /" 14/Aug/2005:11:11:11');
    expect(found).toMatchObject({ text: '14/Aug/2005:10:11:12 +0000', time: utc(2005, 8, 14, 10, 11, 12) });
  });

  it('{DEFAULT} and {^LN-BEG} add the default templates (all, or the line-start ones)', () => {
    expect(createDateDetector({ datepattern: ['{DEFAULT}'] }).templates).toHaveLength(31);
    expect(createDateDetector({ datepattern: ['{^LN-BEG}'] }).templates).toHaveLength(17);
    expect(read(['%d.%m.%Y %H:%M', '{^LN-BEG}'], 'Aug 14 10:11:12 x')?.time).toBe(utc(2005, 8, 14, 8, 11, 12));
  });

  it('{NONE} finds an empty date, so the line gets no time of its own', () => {
    expect(read('{NONE}', '2005-08-14 10:11:12 x')).toEqual({ time: null, text: '', template: '^' });
    expect(createDateDetector({ datepattern: ['{NONE}'] }).detect('2005-08-14 10:11:12 x')).toBeNull();
  });

  it('tries several patterns in turn, one per datepattern line', () => {
    const patterns = ['^%d.%m.%Y %H:%M', '  ', '^T%s'];
    expect(read(patterns, '14.08.2005 10:11 x')?.time).toBe(utc(2005, 8, 14, 8, 11));
    expect(read(patterns, 'T1124013600 x')?.time).toBe(NOW);
  });

  it('the first capture group, if any, is the date span', () => {
    expect(read('^\\[(%Y-%m-%d) %H:%M\\]', '[2005-08-14 10:11] x')).toMatchObject({ text: '2005-08-14', time: utc(2005, 8, 14, 8, 11) });
  });

  it('accepts Python regex syntax in patterns', () => {
    expect(read('(?i)^at %H:%M on %Y-%m-%d', 'AT 10:11 on 2005-08-14')?.time).toBe(utc(2005, 8, 14, 8, 11));
    expect(read('^%H(?P<sep>[:.])%M(?P=sep)%S\\Z', '10.11.12')?.time).toBe(utc(2005, 8, 14, 8, 11, 12));
    expect(read('(?P<Y>\\d{4})-%m-%d', 'x 2005-08-14 y')?.time).toBe(utc(2005, 8, 13, 22));
  });
});

describe('invalid datepatterns', () => {
  const CASES: ReadonlyArray<[string, string, string]> = [
    ['%Y-%Q', '%Q', "datepattern '%Y-%Q': unknown directive '%Q' (expected one of "],
    ['%Y-%ExQ', '%ExQ', "datepattern '%Y-%ExQ': unknown directive '%ExQ' (expected one of "],
    ['%H:%M %', '%', "datepattern '%H:%M %': ends with a lone '%' (write %% for a percent sign)"],
    ['(?(1)%H|%M)', '(?(', "datepattern '(?(1)%H|%M)': unsupported group '(?('"],
    ['%H\\q', '\\q', "datepattern '%H\\q': unsupported escape '\\q'"],
    ['(%H:%M', '(%H:%M', "datepattern '(%H:%M': invalid regular expression: "],
  ];

  it.each(CASES)('%s is rejected naming %s', (pattern, directive, message) => {
    let error: unknown;
    try {
      createDateDetector({ datepattern: [pattern] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DatePatternError);
    expect((error as DatePatternError).code).toBe('E_DATEPATTERN');
    expect((error as DatePatternError).directive).toBe(directive);
    expect((error as DatePatternError).message.startsWith(message)).toBe(true);
  });

  it('rejects two patterns that make the same template', () => {
    expect(() => createDateDetector({ datepattern: ['%H:%M', '%H:%M'] })).toThrow("datepattern '%H:%M': duplicate date template 'Minute'".replace('Minute', '24hour:Minute'));
  });
});
