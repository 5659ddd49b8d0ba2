import { describe, expect, it } from 'vitest';
import { makeTempTree } from '@f2b/test-utils';
import { runConformance } from '../src/_conformance-run.js';

describe('conformance greed check', () => {
  it('fails a filter whose catch-all lets a user name choose the reported address', () => {
    const tree = makeTempTree({
      'conf/filter.d/greedy.conf': '[Definition]\nfailregex = ^\\s*login failed for .* from <HOST>\n',
      'logs/greedy': '# failJSON: { "time": "2005-08-14T11:59:00", "match": true, "host": "192.0.2.7" }\n2005-08-14 11:59:00 login failed for bob from 192.0.2.7\n',
    });
    try {
      const options = { confDir: tree.path('conf'), logsDir: tree.path('logs') };
      expect(runConformance(options).failures).toEqual([]);
      const checked = runConformance({ ...options, checkGreed: true });
      expect(checked.failures).toEqual(['greedy: greedy: failregex 1 has a greedy catch-all before <HOST> that is not anchored after it: ^\\s*login failed for .* from <HOST>']);
    } finally {
      tree.remove();
    }
  });
});
