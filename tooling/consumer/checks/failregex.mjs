// @f2b/failregex: compile a filter and find the failure in a line.
import assert from 'node:assert/strict';
import { compileFilter } from '@f2b/failregex';

const filter = compileFilter({
  name: 'demo', file: 'filter.d/demo.conf', maxlines: 1, datepattern: null, ignoreregex: [],
  prefregex: '^\\S+ demo\\[\\d+\\]: <F-CONTENT>.+</F-CONTENT>$',
  failregex: ['(?i)^login failed for (?P<user>\\S+) from <HOST>(?: port \\d+)?$'],
}, { useDns: 'raw', detectDate: null, now: () => 1124013600 });
const { fails } = filter.processLine('srv demo[42]: LOGIN FAILED for bob from [2001:DB8::7] port 22');
assert.equal(fails.length, 1);
assert.deepEqual([fails[0].id, fails[0].host, fails[0].time, fails[0].fields.user], ['2001:db8::7', '2001:DB8::7', 1124013600, 'bob']);
assert.equal(filter.processLine('srv demo[42]: login ok for bob').fails.length, 0);
