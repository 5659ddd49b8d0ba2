/** @module token: the secret a non-loopback endpoint asks for, read from a file only its owner can read. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MetricsConfigError } from './errors.js';

/** A token file is a few bytes; a huge one is a mistake (a log file named by accident). */
const MAX_TOKEN_FILE = 4096;
/** Short tokens can be guessed through the endpoint. */
const MIN_TOKEN_LENGTH = 16;

/**
 * Reads the token (first line, trimmed). Refuses a file that group or others can read or write,
 * one owned by another user than this process's, and a token shorter than 16 characters.
 */
export function readTokenFile(path: string, option = 'metricstokenfile'): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new MetricsConfigError(`fail2ban.conf: ${option} = ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new MetricsConfigError(`fail2ban.conf: ${option} = ${path}: not a regular file`);
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) {
      throw new MetricsConfigError(`fail2ban.conf: ${option} = ${path}: owned by uid ${stat.uid}, not by the user f2b runs as (uid ${uid})`);
    }
    if ((stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
      throw new MetricsConfigError(`fail2ban.conf: ${option} = ${path}: mode ${mode} lets others read it (chmod 600 ${path})`);
    }
    const buffer = Buffer.alloc(MAX_TOKEN_FILE + 1);
    const size = readSync(fd, buffer, 0, buffer.length, 0);
    if (size > MAX_TOKEN_FILE) throw new MetricsConfigError(`fail2ban.conf: ${option} = ${path}: larger than ${MAX_TOKEN_FILE} bytes (expected one line: the token)`);
    const token = (buffer.subarray(0, size).toString('utf8').split(/\r?\n/, 1)[0] ?? '').trim();
    if (token.length < MIN_TOKEN_LENGTH) {
      throw new MetricsConfigError(`fail2ban.conf: ${option} = ${path}: the token is ${token.length} characters (at least ${MIN_TOKEN_LENGTH}, e.g. from \`openssl rand -hex 32\`)`);
    }
    return token;
  } finally {
    closeSync(fd);
  }
}
