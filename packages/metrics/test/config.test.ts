import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLoopbackHost, parseListenAddress, readTokenFile } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'f2b-metrics-18-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('metrics = HOST:PORT', () => {
  it('reads IPv4, [IPv6], localhost and a bare port (loopback)', () => {
    expect(parseListenAddress('127.0.0.1:9191')).toEqual({ host: '127.0.0.1', port: 9191 });
    expect(parseListenAddress(' [::1]:9191 ')).toEqual({ host: '::1', port: 9191 });
    expect(parseListenAddress('localhost:9191')).toEqual({ host: 'localhost', port: 9191 });
    expect(parseListenAddress('9191')).toEqual({ host: '127.0.0.1', port: 9191 });
  });

  it('refuses host names, missing ports and ports out of range, naming the option', () => {
    expect(() => parseListenAddress('metrics.example.org:9191')).toThrow("fail2ban.conf: metrics = metrics.example.org:9191: 'metrics.example.org' is not an IP address");
    expect(() => parseListenAddress('127.0.0.1')).toThrow('expected HOST:PORT (e.g. 127.0.0.1:9191)');
    expect(() => parseListenAddress('127.0.0.1:70000')).toThrow('port 70000 is out of range');
  });

  it('tells loopback addresses from the others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.0.2.1', '::ffff:192.0.2.1', 'localhost.attacker.example', '128.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('metricstokenfile', () => {
  const write = (name: string, text: string, mode: number) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    chmodSync(file, mode);
    return file;
  };

  it('reads the first line of a file only its owner can read', () => {
    expect(readTokenFile(write('ok', 'a-long-enough-secret-token\nsecond line\n', 0o600))).toBe('a-long-enough-secret-token');
    expect(readTokenFile(write('ro', '  a-long-enough-secret-token  \n', 0o400))).toBe('a-long-enough-secret-token');
  });

  it('refuses a file group or others may read, a short token, a missing file', () => {
    const open = write('open', 'a-long-enough-secret-token\n', 0o640);
    expect(() => readTokenFile(open)).toThrow(`fail2ban.conf: metricstokenfile = ${open}: mode 640 lets others read it (chmod 600 ${open})`);
    expect(() => readTokenFile(write('short', 'hunter2\n', 0o600))).toThrow('the token is 7 characters (at least 16');
    expect(() => readTokenFile(join(dir, 'missing'))).toThrow('cannot read it (ENOENT)');
  });

  // Only root can give a file to another user.
  it.runIf(process.getuid?.() === 0)('refuses a file owned by another user (as root)', () => {
    const foreign = write('foreign', 'a-long-enough-secret-token\n', 0o600);
    chownSync(foreign, 65534, 65534);
    expect(() => readTokenFile(foreign)).toThrow('owned by uid 65534, not by the user f2b runs as (uid 0)');
  });
});
