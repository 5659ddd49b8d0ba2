import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeTempTree, fail2banAvailable, FAIL2BAN_CONFIG_DIR } from '@f2b/test-utils';
import { runRegexCli } from '../src/_regex-cli.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runRegexCli(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

const FILTER = `[Definition]
failregex = ^ auth: bad password for <F-USER>\\S+</F-USER> from <HOST>(?: \\w+)?$
ignoreregex = trusted
`;

const LOG = [
  '2005-08-14 10:00:00 auth: bad password for bob from 192.0.2.7',
  '# a comment',
  '2005-08-14 10:00:01 auth: bad password for eve from 192.0.2.8 trusted',
  '2005-08-14 10:00:02 auth: hello',
  '2005-08-14 10:00:03 auth: bad password for bob from 2001:db8::9',
].join('\n');

describe('f2b-regex', () => {
  it('names a log it cannot read in one line and exits 2 (no stack trace)', async () => {
    // /proc/self/mem is a regular file every user may open but not read from its start (EIO), root included.
    const tree = makeTempTree({ 'filter.d/demo.conf': FILTER });
    const r = await run(['-c', tree.dir, '/proc/self/mem', 'demo']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("f2b-regex: cannot read LOG '/proc/self/mem': EIO\n");
  });

  it('prints one JSON object per processed line with fails, fields and matches', async () => {
    const tree = makeTempTree({ 'filter.d/demo.conf': FILTER, 'log.txt': LOG });
    const r = await run(['--json', '--now', '1124013600', '-c', tree.dir, join(tree.dir, 'log.txt'), 'demo']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { line: number; fails: Record<string, unknown>[]; ignored: boolean });
    expect(rows.map((x) => x.line)).toEqual([1, 3, 4, 5]);
    expect(rows[0]!.fails).toEqual([{
      id: '192.0.2.7', host: '192.0.2.7', time: rows[0]!.fails[0]!['time'], user: 'bob', ip4: '192.0.2.7',
      matches: ['2005-08-14 10:00:00 auth: bad password for bob from 192.0.2.7'],
    }]);
    expect(rows[1]).toMatchObject({ fails: [], ignored: true });
    expect(rows[2]).toMatchObject({ fails: [], ignored: false });
    expect(rows[3]!.fails[0]).toMatchObject({ id: '2001:db8::9', user: 'bob', ip6: '2001:db8::9' });
    expect(rows[3]!.fails[0]).not.toHaveProperty('ip4');
  });

  it.skipIf(!fail2banAvailable())('counts a line with a NOFAIL failure beside a real one as ignored, as fail2ban-regex does', async () => {
    // Debian's sshd (mode normal): "Failed publickey for invalid user" hits a failing failregex and
    // the NOFAIL publickey one; fail2ban-regex reports "3 lines, 2 ignored, 1 matched" for this connection.
    const log = [
      'Mar  2 00:00:27 web1 sshd[2432]: Invalid user www from 192.0.2.147 port 49851',
      'Mar  2 00:00:27 web1 sshd[2432]: Failed publickey for invalid user www from 192.0.2.147 port 49851 ssh2: RSA SHA256:uJAGKSO25r0e2C3vTq',
      'Mar  2 00:00:27 web1 sshd[2432]: Connection closed by invalid user www 192.0.2.147 port 49851 [preauth]',
    ].join('\n');
    const tree = makeTempTree({ 'auth.log': `${log}\n` });
    const r = await run(['-c', FAIL2BAN_CONFIG_DIR, join(tree.dir, 'auth.log'), 'sshd']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Lines: 3 lines, 2 ignored, 1 matched, 0 missed');
  });

  it('lists a line over the cap by its start and length, not whole', async () => {
    const long = `2005-08-14 10:00:04 auth: ${'z'.repeat(10_000)}`;
    const tree = makeTempTree({ 'filter.d/demo.conf': FILTER, 'log.txt': `${long}\n2005-08-14 10:00:05 auth: hello\n` });
    const r = await run(['-c', tree.dir, join(tree.dir, 'log.txt'), 'demo']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[1 line(s) longer than 8192 characters were cut before matching]');
    expect(r.out).toContain(`|- Missed line(s):\n|  ${long.slice(0, 100)}... [line of ${(long.length).toLocaleString('en-US')} bytes, cut to 8192 characters]\n|  2005-08-14 10:00:05 auth: hello\n\`-`);
  });

  it('prints a fail2ban-regex style summary with hits per regex and date template', async () => {
    const tree = makeTempTree({ 'filter.d/demo.conf': FILTER, 'log.txt': LOG });
    const r = await run(['-c', tree.dir, '--print-all-missed', join(tree.dir, 'log.txt'), 'demo']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Failregex: 2 total');
    expect(r.out).toContain('|   1) [2] ^ auth: bad password for <F-USER>\\S+</F-USER> from <HOST>(?: \\w+)?$');
    expect(r.out).toContain('Ignoreregex: 1 total');
    expect(r.out).toMatch(/Date template hits:\n\|- \[# of hits\] date format\n\|  \[4\] /);
    expect(r.out).toContain('Lines: 4 lines, 1 ignored, 2 matched, 1 missed');
    expect(r.out).toContain('|- Missed line(s):\n|  2005-08-14 10:00:02 auth: hello\n`-');
    expect(r.out).toMatch(/\[processed in \d+\.\d\d sec, [\d,]+ lines\/s\]/);
  });

  it('counts date template hits across runs of different templates, in order of first use', async () => {
    const mixed = [
      '2005-08-14 10:00:00 auth: hello',
      '2005-08-14 10:00:01 auth: hello',
      'Aug 14 10:00:02 auth: hello',
      '2005-08-14 10:00:03 auth: hello',
      'Aug 14 10:00:04 auth: hello',
      'Aug 14 10:00:05 auth: hello',
    ].join('\n');
    const tree = makeTempTree({ 'filter.d/demo.conf': FILTER, 'log.txt': mixed });
    const r = await run(['--now', '1124013600', '-c', tree.dir, join(tree.dir, 'log.txt'), 'demo']);
    expect(r.code).toBe(0);
    const hits = /Date template hits:\n\|- \[# of hits\] date format\n((?:\|  .*\n)+)/.exec(r.out)?.[1];
    // Equal counts keep the order of first use (the ISO date came first).
    const rows = hits?.trim().split('\n') ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\|  \[3\] \{\^LN-BEG\}ExYear\(/);
    expect(rows[1]).toMatch(/^\|  \[3\] \{\^LN-BEG\}\(\?:DAY \)\?MON Day /);
  });

  it('takes a literal line, a literal regex and --no-date', async () => {
    const r = await run(['--json', '--no-date', '--now', '1000', 'denied 192.0.2.1 by rule', '^denied <HOST> by']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ line: 1, fails: [{ id: '192.0.2.1', host: '192.0.2.1', time: 1000, ip4: '192.0.2.1', matches: ['denied 192.0.2.1 by rule'] }], ignored: false });
  });

  it('prints every named capture Fail2Ban\'s ticket carries: dns (usedns raw), fid, port and plain named groups', async () => {
    const dns = await run(['--json', '--no-date', '--now', '1000', '--usedns', 'raw', 'denied bad.example.net', '^denied <HOST>$']);
    expect(JSON.parse(dns.out).fails[0]).toMatchObject({ id: 'bad.example.net', host: 'bad.example.net', dns: 'bad.example.net' });
    const fid = await run(['--json', '--no-date', '--now', '1000', 'session s-77 from 192.0.2.4 port 22 via ssh', '^session <F-ID>\\S+</F-ID> from <ADDR> port <F-PORT>\\d+</F-PORT> via (?P<proto>\\w+)$']);
    const fail = JSON.parse(fid.out).fails[0];
    expect(fail).toMatchObject({ id: 's-77', fid: 's-77', ip4: '192.0.2.4', port: '22', proto: 'ssh' });
    expect(fail).not.toHaveProperty('fport');
  });

  it.each([
    [['--bogus', 'x', 'y'], /^f2b-regex: Unknown option '--bogus'/],
    [['onlylog'], /^f2b-regex: LOG and FILTER are required \(see --help\)$/],
    [['--now', 'soon', 'l', 'f'], /^f2b-regex: --now 'soon' is not a number of seconds$/],
    [['--usedns', 'maybe', 'l', 'f'], /^f2b-regex: --usedns 'maybe' \(expected yes, warn, no, raw\)$/],
    [['line', '^no id$'], /^<command line>: failregex "\^no id\$" has no failure-id group/],
    [['line', '(?>x)<HOST>'], /^<command line>: failregex "\(\?>x\)<HOST>": unsupported group construct/],
  ])('exits 2 with one line for %j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err.trim()).toMatch(message);
  });

  it('exits 2 on a log that is a directory and on a filter file with a broken regex', async () => {
    const tree = makeTempTree({ 'filter.d/bad.conf': '[Definition]\nfailregex = ^(<HOST>\n', 'dir/x': '' });
    const dirRun = await run(['-c', tree.dir, join(tree.dir, 'dir'), 'bad']);
    expect(dirRun.code).toBe(2);
    const bad = await run(['-c', tree.dir, 'some line', 'bad']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.conf: failregex "\^\(<HOST>": missing \), unterminated subpattern\n$/);
  });

  it('refuses an unknown mode in one line naming the filter and the option, also in the bundled sshd', async () => {
    const modal = '[Definition]\nmode = normal\nmdre-normal = ^fail from <HOST>$\nfailregex = <mdre-<mode>>\n';
    const tree = makeTempTree({ 'filter.d/modal.conf': modal });
    const bogus = await run(['-c', tree.dir, 'fail from 192.0.2.1', 'modal[mode=bogus]']);
    expect(bogus.code).toBe(2);
    expect(bogus.out).toBe('');
    expect(bogus.err).toBe(`${join(tree.dir, 'filter.d', 'modal.conf')}: option 'failregex': mode 'bogus' selects <mdre-bogus>, which is not defined\n`);
    expect((await run(['-c', tree.dir, 'fail from 192.0.2.1', 'modal[mode=normal]'])).code).toBe(0);
    const sshd = await run(['some line', 'sshd[mode=bogus]']);
    expect(sshd.code).toBe(2);
    expect(sshd.err.trim().split('\n')).toHaveLength(1);
    expect(sshd.err).toMatch(/sshd\.conf: option '\w+': mode 'bogus' selects <[\w-]+>, which is not defined\n$/);
    // A %(…)s naming no option was refused already; it stays one line.
    const ref = makeTempTree({ 'filter.d/ref.conf': '[Definition]\nfailregex = ^%(nothing_here)s from <HOST>$\n' });
    const refRun = await run(['-c', ref.dir, 'x', 'ref']);
    expect(refRun.code).toBe(2);
    expect(refRun.err).toBe(`${join(ref.dir, 'filter.d', 'ref.conf')}:2: option 'failregex': '%(nothing_here)s' names no option\n`);
  });

  it.runIf(fail2banAvailable())('reads Debian filters with options (sshd[mode=aggressive])', async () => {
    const line = 'Aug 14 11:59:59 srv sshd[9]: Connection closed by 192.0.2.11 port 4242 [preauth]';
    const normal = await run(['--json', '--now', '1124013600', '-c', FAIL2BAN_CONFIG_DIR, line, 'sshd']);
    const aggressive = await run(['--json', '--now', '1124013600', '-c', FAIL2BAN_CONFIG_DIR, line, 'sshd[mode=aggressive]']);
    expect(JSON.parse(normal.out).fails).toEqual([]);
    expect(JSON.parse(aggressive.out).fails[0]).toMatchObject({ id: '192.0.2.11' });
  });
});

if (!fail2banAvailable()) console.log('Debian filter case skipped: fail2ban is not installed');
