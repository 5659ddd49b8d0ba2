/** @module default-templates-test: Fail2Ban's default templates, one line each. */
import { describe, expect, it } from 'vitest';
import { createDateDetector } from '@f2b/date-detector';
import { NOW, utc } from './_helpers.js';

// One line per default template; the lines are ours, the expected instants are
// written out in UTC (Zurich is UTC+1 in winter, UTC+2 in summer).
const CASES: ReadonlyArray<[string, string, number, string]> = [
  // [line, matched date text, epoch, template name prefix]
  ['2005-01-23T21:59:59.981746 web1 app: login failed', '2005-01-23T21:59:59.981746', utc(2005, 1, 23, 20, 59, 59), '{^LN-BEG}ExYear(?P<_sep>[-/.])Month'],
  ['2005-01-23 21:59:59 web1 app: x', '2005-01-23 21:59:59', utc(2005, 1, 23, 20, 59, 59), '{^LN-BEG}ExYear'],
  ['2005/07/23  8:59:59 web1 app: x', '2005/07/23  8:59:59', utc(2005, 7, 23, 6, 59, 59), '{^LN-BEG}ExYear'],
  ['2006.12.21 06:43:20 syslog-ng: x', '2006.12.21 06:43:20', utc(2006, 12, 21, 5, 43, 20), '{^LN-BEG}ExYear'],
  ['2005-01-23T21:59:59Z web1', '2005-01-23T21:59:59Z', utc(2005, 1, 23, 21, 59, 59), '{^LN-BEG}ExYear'],
  ['2005-01-23T21:59:59+02:00 web1', '2005-01-23T21:59:59+02:00', utc(2005, 1, 23, 19, 59, 59), '{^LN-BEG}ExYear'],
  ['2005-01-23 21:59:59 -0530 web1', '2005-01-23 21:59:59 -0530', utc(2005, 1, 24, 3, 29, 59), '{^LN-BEG}ExYear'],
  ['Aug 14 11:59:59 gw sshd[1]: x', 'Aug 14 11:59:59', utc(2005, 8, 14, 9, 59, 59), '{^LN-BEG}(?:DAY )?MON Day %k:Minute:Second'],
  ['Aug  4 03:00:01 gw cron[2]: x', 'Aug  4 03:00:01', utc(2005, 8, 4, 1, 0, 1), '{^LN-BEG}(?:DAY )?MON Day %k:Minute:Second'],
  ['Sun Jan 23 21:59:59.011 2005 gw x', 'Sun Jan 23 21:59:59.011 2005', utc(2005, 1, 23, 20, 59, 59), '{^LN-BEG}(?:DAY )?MON Day %k'],
  ['Sun Jan 23 2005 21:59:59 gw x', 'Sun Jan 23 2005 21:59:59', utc(2005, 1, 23, 20, 59, 59), '{^LN-BEG}(?:DAY )?MON Day ExYear %k'],
  ['23/01/2005 21:59:59 vnc: x', '23/01/2005 21:59:59', utc(2005, 1, 23, 20, 59, 59), '{^LN-BEG}Day(?P<_sep>[-/])Month'],
  ['23/01/05 21:59:59 vnc: x', '23/01/05 21:59:59', utc(2005, 1, 23, 20, 59, 59), '{^LN-BEG}Day(?P<_sep>[-/])Month'],
  ['17-07-2008 17:23:25 app: x', '17-07-2008 17:23:25', utc(2008, 7, 17, 15, 23, 25), '{^LN-BEG}Day(?P<_sep>[-/])Month'],
  ['[31/Oct/2006:09:22:55 -0000] "GET /"', '31/Oct/2006:09:22:55 -0000', utc(2006, 10, 31, 9, 22, 55), '{^LN-BEG}Day(?P<_sep>[-/])MON'],
  ['192.0.2.1 - - [14/Aug/2005:11:22:33 +0200] "GET /"', '14/Aug/2005:11:22:33 +0200', utc(2005, 8, 14, 9, 22, 33), 'Day(?P<_sep>[-/])MON'],
  ['26-Jul-2007 15:20:52.252 named: x', '26-Jul-2007 15:20:52.252', utc(2007, 7, 26, 13, 20, 52), '{^LN-BEG}Day(?P<_sep>[-/])MON'],
  ['05/20/2008:01:57:39 cpanel: x', '05/20/2008:01:57:39', utc(2008, 5, 19, 23, 57, 39), '{^LN-BEG}Month/Day/ExYear:'],
  ['01-27-2012 16:22:44.252 app: x', '01-27-2012 16:22:44.252', utc(2012, 1, 27, 15, 22, 44), '{^LN-BEG}Month-Day-ExYear'],
  ['1124013600.123 nsd[1]: x', '1124013600.123', NOW + 0.123, '{^LN-BEG}Epoch'],
  ['[1124013600] nsd[1]: x', '1124013600', NOW, '{^LN-BEG}Epoch'],
  ['type=USER_AUTH msg=audit(1124013600.250:77): x', '1124013600.250', NOW + 0.25, 'Epoch'],
  ['11:59:59 daemon: x', '11:59:59', utc(2005, 8, 14, 9, 59, 59), '{^LN-BEG}24hour:Minute:Second'],
  ['<09/16/08@05:03:30> app: x', '<09/16/08@05:03:30>', utc(2008, 9, 16, 3, 3, 30), '^<Month/Day/ExYear2@'],
  ['130322 11:46:11 mysqld: x', '130322 11:46:11', utc(2013, 3, 22, 10, 46, 11), '{^LN-BEG}ExYear2ExMonthExDay'],
  ['Jan 23, 2005 9:59:59 PM tomcat x', 'Jan 23, 2005 9:59:59 PM', utc(2005, 1, 23, 20, 59, 59), '{^LN-BEG}MON Day, ExYear 12hour'],
  ['Apr-27-13 02:33:06 assp: x', 'Apr-27-13 02:33:06', utc(2013, 4, 27, 0, 33, 6), '^MON-Day-ExYear2'],
  ['20050123T215959 app: x', '20050123T215959', utc(2005, 1, 23, 20, 59, 59), '{^LN-BEG}ExYearExMonthExDay'],
  ['20050123 085959 app: x', '20050123 085959', utc(2005, 1, 23, 7, 59, 59), '{^LN-BEG}ExYearExMonthExDay'],
  ['PDT Apr 16 21:05:29 monit: x', 'PDT Apr 16 21:05:29', utc(2005, 4, 17, 4, 5, 29), '{^LN-BEG}(?:Zone name )?'],
  ['+00:00 Jan 23 21:59:59.011 2005 x', '+00:00 Jan 23 21:59:59.011 2005', utc(2005, 1, 23, 21, 59, 59), '{^LN-BEG}(?:Zone offset )?'],
  ['@4000000043ff1e5a00000000 qmail: x', '@4000000043ff1e5a00000000', 0x43ff1e5a, '{^LN-BEG}TAI64N'],
];

describe('default templates', () => {
  it.each(CASES)('reads %j', (line, text, time, template) => {
    const found = createDateDetector({ now: () => NOW }).detect(line);
    expect(found).not.toBeNull();
    expect(line.slice(found?.start, found?.end)).toBe(text);
    expect(found?.time).toBeCloseTo(time, 6);
    expect(found?.template.startsWith(template)).toBe(true);
  });

  it('lists the line-start copies first, then all of Fail2Ban\'s 17 formats', () => {
    const names = createDateDetector().templates;
    expect(names).toHaveLength(31);
    expect(names.slice(0, 14).every((n) => n.startsWith('{^LN-BEG}'))).toBe(true);
    expect(names).toContain('TAI64N');
    expect(names).toContain('Epoch');
    expect(names[14]).toBe('ExYear(?P<_sep>[-/.])Month(?P=_sep)Day(?:T|  ?)24hour:Minute:Second(?:[.,]Microseconds)?(?:\\s*Zone offset)?');
  });

  it('finds no date where there is none, or where digits only look like one', () => {
    const detector = createDateDetector({ now: () => NOW });
    expect(detector.detect('sshd[42]: Failed password for root from 192.0.2.1 port 22')).toBeNull();
    expect(detector.detect('')).toBeNull();
    expect(detector.detect('id 12345678901234567 is not a date')).toBeNull();
    expect(detector.detect('2005-01/23 21:59:59 mixed separators')).toBeNull();
    expect(detector.detect('20050123  85959 compact needs two-digit hours')).toBeNull();
  });

  it('reads a date in the middle of a line and reports its span', () => {
    const line = 'host1 app[3]: 2005-08-14 11:00:00 login failed';
    const found = createDateDetector({ now: () => NOW }).detect(line);
    expect(found).toEqual({ time: utc(2005, 8, 14, 9), start: 14, end: 33, template: expect.stringMatching(/^ExYear/) });
  });

  it('does not take a date glued to a word', () => {
    expect(createDateDetector({ now: () => NOW }).detect('id2005-08-14 11:00:00x')).toBeNull();
  });

  it('rejects impossible dates but still locates them', () => {
    const detector = createDateDetector({ now: () => NOW });
    expect(detector.detect('2005-02-30 10:00:00 x')).toBeNull();
    expect(detector.locate('2005-02-30 10:00:00 x')).toMatchObject({ time: null, start: 0, end: 19 });
    expect(detector.detect('Aug 14 24:00:00 x')).toBeNull();
  });

  it('drops %f fractions like Fail2Ban unless subseconds is set', () => {
    const line = '2005-08-14 11:00:00.250 x';
    expect(createDateDetector({ now: () => NOW }).detect(line)?.time).toBe(utc(2005, 8, 14, 9));
    expect(createDateDetector({ now: () => NOW, subseconds: true }).detect(line)?.time).toBe(utc(2005, 8, 14, 9) + 0.25);
  });

  it('reads millisecond and microsecond epochs with LEPOCH', () => {
    const detector = createDateDetector({ datepattern: ['LEPOCH'] });
    expect(detector.detect('1124013600123 x')?.time).toBeCloseTo(NOW + 0.123, 6);
    expect(detector.detect('1124013600123456 x')?.time).toBeCloseTo(NOW + 0.123456, 6);
    expect(detector.detect('1124013600123.5 x')?.time).toBeCloseTo(NOW + 0.1235, 6);
    expect(detector.detect('1124013600 x')?.time).toBe(NOW);
  });
});
