// @f2b/date-detector alone: parse the date of a syslog line and of a custom-format line.
import assert from 'node:assert/strict';
import { createDateDetector } from '@f2b/date-detector';

const detector = createDateDetector({ now: () => 1124013600 });
const found = detector.detect('Aug 14 11:59:59 gw sshd[42]: Failed password for root from 192.0.2.7');
assert.equal(found?.time, 1124013599); // TZ=Europe/Zurich (set by the runner)
assert.equal(found?.start, 0);
const custom = createDateDetector({ datepattern: ['^%d.%m.%Y %H:%M:%S'], logtimezone: 'UTC' });
assert.equal(custom.detect('14.08.2005 10:00:00 login failed')?.time, 1124013600);
assert.equal(detector.detect('no date here'), null);
