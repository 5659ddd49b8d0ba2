/** @module _auth: who may read the endpoint — the token holder, or (no token) clients that name a loopback host. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from './listen.js';

/** What a request may see. */
export type AccessVerdict = 'allowed' | 'no-token' | 'foreign-host';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * With a token: `Authorization: Bearer TOKEN` (Prometheus' `authorization.credentials_file`) or Basic
 * with TOKEN as the password (what a browser prompts for), compared in constant time.
 * Without one (loopback only): the Host header must name a loopback host too, so a web page that
 * re-points its own domain at 127.0.0.1 (DNS rebinding) cannot read the endpoint.
 */
export function checkAccess(request: IncomingMessage, token: string | null): AccessVerdict {
  if (token === null) return isLoopbackHost(hostOf(request.headers.host ?? '')) ? 'allowed' : 'foreign-host';
  const given = presentedToken(request.headers.authorization ?? '');
  if (given === null) return 'no-token';
  return timingSafeEqual(digest(given), digest(token)) ? 'allowed' : 'no-token';
}

function presentedToken(header: string): string | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1] as string;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!basic) return null;
  const pair = Buffer.from(basic[1] as string, 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  return colon < 0 ? null : pair.slice(colon + 1);
}

/** `127.0.0.1:9191` → `127.0.0.1`; `[::1]:9191` → `::1`. */
function hostOf(header: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(header);
  if (bracketed) return bracketed[1] as string;
  return header.replace(/:\d+$/, '');
}
