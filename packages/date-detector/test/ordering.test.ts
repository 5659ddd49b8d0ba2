/** @module ordering-test: template order, hits and the last-winner-first hot path. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDateDetector } from '@f2b/date-detector';
import { NOW, utc } from './_helpers.js';

const SYSLOG = '{^LN-BEG}(?:DAY )?MON Day %k:Minute:Second(?:\\.Microseconds)?(?: ExYear)?';

describe('template order and hits', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('counts the lines each template won', () => {
    const detector = createDateDetector({ now: () => NOW });
    for (let s = 10; s < 15; s++) detector.detect(`Aug 14 10:00:${s} gw sshd[1]: x`);
    detector.detect('2005-08-14 10:00:00 gw x');
    detector.detect('no date here');
    const hits = detector.hits();
    expect(hits.get(SYSLOG)).toBe(5);
    expect([...hits.values()].reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('moves a frequently winning template towards the front', () => {
    const detector = createDateDetector({ now: () => NOW });
    const before = detector.templates.indexOf('{^LN-BEG}TAI64N');
    for (let i = 0; i < 3; i++) detector.detect(`@4000000043ff1e5a0000000${i} qmail: x`);
    expect(detector.templates.indexOf('{^LN-BEG}TAI64N')).toBeLessThan(before);
    expect(detector.templates).toHaveLength(31);
  });

  it('tries the last winning template first: one regex run per line once warmed up', () => {
    const detector = createDateDetector({ now: () => NOW });
    detector.detect('14/08/2005 10:00:00 gw app[1]: x');
    detector.detect('14/08/2005 10:00:01 gw app[1]: x');
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    const found = detector.detect('14/08/2005 10:00:02 gw app[1]: x');
    expect(found?.time).toBe(utc(2005, 8, 14, 8, 0, 2));
    expect(exec).toHaveBeenCalledTimes(1);
  });

  it('reads ISO 8601 stamps without running a regex once warmed up, microseconds changing on every line', () => {
    const detector = createDateDetector({ now: () => NOW, subseconds: true });
    detector.detect('2005-08-14T10:00:00.250000+02:00 gw app[1]: x');
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    expect(detector.detect('2005-08-14T10:00:00.750000+02:00 gw app[1]: x')?.time).toBe(utc(2005, 8, 14, 8, 0, 0) + 0.75);
    expect(detector.detect('2005-08-14T10:00:02.125000+02:00 gw app[2]: x')?.time).toBe(utc(2005, 8, 14, 8, 0, 2) + 0.125);
    expect(detector.detect('2005-08-14T23:59:59.000001+02:00 gw app[2]: x')?.time).toBe(utc(2005, 8, 14, 21, 59, 59) + 0.000001);
    expect(exec).not.toHaveBeenCalled();
    // hour 24 is no ISO hour: the line is judged afresh, as a detector that never saw the others does
    const late = '2005-08-14T24:59:59.000001+02:00 gw app[2]: x';
    exec.mockRestore();
    expect(detector.detect(late)).toEqual(createDateDetector({ now: () => NOW, subseconds: true }).detect(late));
  });

  it('reads syslog dates without running a regex once warmed up', () => {
    const detector = createDateDetector({ now: () => NOW });
    detector.detect('Aug 14 10:00:00 gw sshd[1]: x');
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    expect(detector.detect('Aug 14 10:00:02 gw sshd[2]: x')?.time).toBe(utc(2005, 8, 14, 8, 0, 2));
    expect(detector.detect('Aug 14 10:00:02 gw sshd[3]: y')?.time).toBe(utc(2005, 8, 14, 8, 0, 2));
    expect(exec).not.toHaveBeenCalled();
  });

  it('prefers the date nearest the line start over a date in the message', () => {
    const detector = createDateDetector({ datepattern: ['%H:%M:%S', '%Y-%m-%d %H:%M:%S'], now: () => NOW });
    const found = detector.detect('2005-08-12 10:11:12 login at 09:00:00');
    expect(found).toMatchObject({ start: 0, end: 19, time: utc(2005, 8, 12, 8, 11, 12) });
  });

  it('follows a log that switches format', () => {
    const detector = createDateDetector({ now: () => NOW });
    expect(detector.detect('Aug 14 10:00:00 gw x')?.time).toBe(utc(2005, 8, 14, 8));
    expect(detector.detect('2005-08-14 11:00:00 gw x')?.time).toBe(utc(2005, 8, 14, 9));
    expect(detector.detect('Aug 14 10:30:00 gw x')?.time).toBe(utc(2005, 8, 14, 8, 30));
    expect(detector.detect('[1124013600] gw x')?.time).toBe(NOW);
  });

  it('keeps statistics per detector', () => {
    const first = createDateDetector({ now: () => NOW });
    const second = createDateDetector({ now: () => NOW });
    first.detect('Aug 14 10:00:00 gw x');
    expect(second.hits().get(SYSLOG)).toBe(0);
  });
});
