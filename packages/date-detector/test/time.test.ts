/** @module time-test: year inference, DST in Europe/Zurich, leap years, two-digit years and zones. */
import { describe, expect, it } from 'vitest';
import { createDateDetector, TimeZoneError } from '@f2b/date-detector';
import { NOW, utc } from './_helpers.js';

function timeOf(line: string, now: number, options: { logtimezone?: string; datepattern?: string[] } = {}): number | null {
  return createDateDetector({ now: () => now, ...options }).detect(line)?.time ?? null;
}

describe('missing year', () => {
  const newYear = utc(2004, 12, 31, 23, 30); // 2005-01-01 00:30 in Zurich

  it('puts a 31 December date seen on 1 January into the previous year', () => {
    expect(timeOf('Dec 31 23:59:59 gw x', newYear)).toBe(utc(2004, 12, 31, 22, 59, 59));
  });

  it('keeps 1 January in the current year', () => {
    expect(timeOf('Jan  1 00:10:00 gw x', newYear)).toBe(utc(2004, 12, 31, 23, 10));
  });

  it('tolerates up to one day in the future (clock skew, zones) before going back a year', () => {
    expect(timeOf('Jan  2 00:20:00 gw x', newYear)).toBe(utc(2005, 1, 1, 23, 20));
    expect(timeOf('Jan  2 00:40:00 gw x', newYear)).toBe(utc(2004, 1, 1, 23, 40));
  });

  it('reads 29 February in a leap year', () => {
    expect(timeOf('Feb 29 10:00:00 gw x', utc(2004, 3, 10))).toBe(utc(2004, 2, 29, 9));
    expect(timeOf('2004-02-29 10:00:00 gw x', NOW)).toBe(utc(2004, 2, 29, 9));
  });

  it('finds no time for 29 February when the inferred year has none', () => {
    expect(timeOf('Feb 29 10:00:00 gw x', utc(2005, 3, 10))).toBeNull();
    expect(timeOf('2005-02-29 10:00:00 gw x', NOW)).toBeNull();
  });

  it('finds no time for a future 29 February of a common year, and moves a future 28 February back a year', () => {
    expect(timeOf('Feb 29 10:00:00 gw x', utc(2005, 1, 10))).toBeNull();
    expect(timeOf('Feb 28 10:00:00 gw x', utc(2005, 1, 10))).toBe(utc(2004, 2, 28, 9));
  });

  it('reads a clock time alone as today, or yesterday when it lies ahead', () => {
    expect(timeOf('11:00:00 x', NOW)).toBe(utc(2005, 8, 14, 9));
    expect(timeOf('12:30:00 x', NOW)).toBe(utc(2005, 8, 13, 10, 30));
  });
});

describe('two-digit years', () => {
  it('puts them in the 2000s', () => {
    expect(timeOf('23/01/05 21:59:59 x', NOW)).toBe(utc(2005, 1, 23, 20, 59, 59));
    expect(timeOf('00-01-01 10:00:00 x', NOW, { datepattern: ['%y-%m-%d %H:%M:%S'] })).toBe(utc(2000, 1, 1, 9));
    expect(timeOf('99-01-01 10:00:00 x', NOW, { datepattern: ['%y-%m-%d %H:%M:%S'] })).toBe(utc(2099, 1, 1, 9));
  });
});

describe('daylight saving time in Europe/Zurich', () => {
  it('reads winter and summer times with their own offsets', () => {
    expect(timeOf('2024-01-15 12:00:00 x', NOW)).toBe(utc(2024, 1, 15, 11));
    expect(timeOf('2024-07-15 12:00:00 x', NOW)).toBe(utc(2024, 7, 15, 10));
  });

  it('handles the spring change (02:00 -> 03:00 on 31 March 2024)', () => {
    expect(timeOf('2024-03-31 01:59:59 x', NOW)).toBe(utc(2024, 3, 31, 0, 59, 59));
    expect(timeOf('2024-03-31 03:00:00 x', NOW)).toBe(utc(2024, 3, 31, 1));
    // 02:30 does not exist; like mktime, read it with the winter offset (= 03:30 CEST)
    expect(timeOf('2024-03-31 02:30:00 x', NOW)).toBe(utc(2024, 3, 31, 1, 30));
  });

  it('handles the autumn change (03:00 -> 02:00 on 27 October 2024)', () => {
    expect(timeOf('2024-10-27 01:59:59 x', NOW)).toBe(utc(2024, 10, 26, 23, 59, 59));
    expect(timeOf('2024-10-27 03:00:00 x', NOW)).toBe(utc(2024, 10, 27, 2));
  });

  it('reads the repeated hour with the offset of the previous line, as mktime does', () => {
    const detector = createDateDetector({ now: () => NOW });
    detector.detect('2024-10-27 01:50:00 x'); // summer time
    expect(detector.detect('2024-10-27 02:30:00 x')?.time).toBe(utc(2024, 10, 27, 0, 30));
    detector.detect('2024-10-27 03:10:00 x'); // winter time
    expect(detector.detect('2024-10-27 02:30:00 x')?.time).toBe(utc(2024, 10, 27, 1, 30));
  });
});

describe('zones', () => {
  it('uses the zone written in the line', () => {
    expect(timeOf('2005-08-14 10:00:00Z x', NOW)).toBe(utc(2005, 8, 14, 10));
    expect(timeOf('2005-08-14 10:00:00 +0130 x', NOW)).toBe(utc(2005, 8, 14, 8, 30));
    expect(timeOf('2005-08-14 10:00:00-05:00 x', NOW)).toBe(utc(2005, 8, 14, 15));
    expect(timeOf('2005-08-14 10:00:00 UTC x', NOW)).toBe(utc(2005, 8, 14, 10));
    expect(timeOf('2005-08-14 10:00:00 +05 x', NOW)).toBe(utc(2005, 8, 14, 5));
  });

  it('reads zone names as fixed offsets', () => {
    expect(timeOf('CET Aug 14 10:00:00 x', NOW)).toBe(utc(2005, 8, 14, 9));
    expect(timeOf('EST Aug 14 10:00:00 x', NOW)).toBe(utc(2005, 8, 14, 15));
    expect(timeOf('10:00:00 CEST+0100 x', NOW, { datepattern: ['%H:%M:%S %Exz'] })).toBe(utc(2005, 8, 14, 7));
  });

  it('applies logtimezone to dates without a zone, never over a written one', () => {
    expect(timeOf('2005-08-14 10:00:00 x', NOW, { logtimezone: 'UTC' })).toBe(utc(2005, 8, 14, 10));
    expect(timeOf('2005-08-14 10:00:00 x', NOW, { logtimezone: 'UTC+02:00' })).toBe(utc(2005, 8, 14, 8));
    expect(timeOf('2005-08-14 10:00:00 x', NOW, { logtimezone: '-0300' })).toBe(utc(2005, 8, 14, 13));
    expect(timeOf('2005-08-14 10:00:00 x', NOW, { logtimezone: 'CET' })).toBe(utc(2005, 8, 14, 9));
    expect(timeOf('2005-08-14 10:00:00 +0100 x', NOW, { logtimezone: 'UTC' })).toBe(utc(2005, 8, 14, 9));
  });

  it('rejects an unknown logtimezone', () => {
    expect(() => createDateDetector({ logtimezone: 'Mars/Olympus' })).toThrow(TimeZoneError);
    expect(() => createDateDetector({ logtimezone: 'XYZQ' })).toThrow(
      "logtimezone 'XYZQ': unknown or unsupported time zone (expected UTC, UTC+hh:mm, +hhmm or an abbreviation like CET)",
    );
  });

  it('finds no time for an unknown zone name in the line', () => {
    expect(createDateDetector({ datepattern: ['%H:%M:%S %Z'], now: () => NOW }).locate('10:00:00 QQQ x')).toMatchObject({ time: null });
  });
});
