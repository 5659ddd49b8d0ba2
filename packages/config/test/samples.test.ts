/** @module samples.test: every filter has a sample log, and every sample log is well-formed. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOGS_DIR, listFilters, resolveFilterOptions } from './_tree.js';

const REQUIRED = [
  'sshd', 'dropbear', 'vsftpd', 'proftpd', 'pure-ftpd', 'postfix', 'dovecot', 'exim', 'courier',
  'nginx-http-auth', 'nginx-limit-req', 'nginx-botsearch', 'apache-auth', 'apache-badbots',
  'apache-noscript', 'php-url-fopen', 'wordpress-auth', 'mysqld-auth', 'postgresql-auth',
  'mongodb-auth', 'grafana', 'gitea', 'gitlab', 'traefik-auth', 'openvpn', 'asterisk', 'recidive', 'demo',
];
const DIRECTIVE = /^#+ ?(failJSON|filterOptions):(.+)$/;
// Documentation ranges (RFC 5737, RFC 3849) and loopback: our samples use no one's real address.
const DOC_ADDRESS = /^(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$|^2001:db8:/i;

interface Sample { line: number; text: string; expect: Record<string, unknown> }

function readSamples(name: string): { samples: Sample[]; options: unknown[] } {
  const lines = readFileSync(join(LOGS_DIR, name), 'utf8').split('\n');
  const samples: Sample[] = [];
  const options: unknown[] = [];
  let pending: { line: number; expect: Record<string, unknown> } | undefined;
  lines.forEach((text, index) => {
    const found = DIRECTIVE.exec(text);
    if (found) {
      const data: unknown = JSON.parse(found[2]!);
      if (found[1] === 'filterOptions') options.push(data);
      else {
        expect(pending, `${name}:${index + 1}: two failJSON lines in a row`).toBeUndefined();
        pending = { line: index + 1, expect: data as Record<string, unknown> };
      }
      return;
    }
    if (text.startsWith('#') || text.trim() === '') return;
    expect(pending, `${name}:${index + 1}: sample line without failJSON`).toBeDefined();
    samples.push({ line: index + 1, text, expect: pending!.expect });
    pending = undefined;
  });
  expect(pending, `${name}: failJSON at the end without a sample line`).toBeUndefined();
  return { samples, options };
}

describe('the shipped filters', () => {
  it('include every filter the project promises', () => {
    expect(listFilters()).toEqual(expect.arrayContaining(REQUIRED));
  });

  it('have exactly one sample log each, and no sample log without a filter', () => {
    const logs = readdirSync(LOGS_DIR).sort();
    expect(logs).toEqual(listFilters());
  });
});

describe.each(listFilters())('sample log for %s', (name) => {
  it('has failJSON lines with both matching and non-matching samples', () => {
    expect(existsSync(join(LOGS_DIR, name))).toBe(true);
    const { samples } = readSamples(name);
    expect(samples.filter((s) => s.expect['match'] === true).length).toBeGreaterThan(0);
    expect(samples.filter((s) => s.expect['match'] !== true).length).toBeGreaterThan(0);
  });

  it('gives a host and a time for every match, using documentation addresses only', () => {
    for (const { line, expect: want } of readSamples(name).samples) {
      if (want['match'] !== true) continue;
      expect(typeof want['host'], `${name}:${line}`).toBe('string');
      expect(want['host'], `${name}:${line}`).toMatch(DOC_ADDRESS);
      expect(want['time'], `${name}:${line}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    }
  });

  it('names only modes the filter has', () => {
    const options = resolveFilterOptions(name);
    for (const group of readSamples(name).options) {
      for (const opts of Array.isArray(group) ? group : [group]) {
        const mode = (opts as Record<string, unknown>)['mode'];
        if (mode !== undefined) expect(options.has(`modes-${String(mode)}`), `${name}: mode ${String(mode)}`).toBe(true);
      }
    }
  });
});
