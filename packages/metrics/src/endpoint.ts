/** @module endpoint: the HTTP server — `/metrics` (Prometheus text), `/` (status page), `/status.json`. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAccess } from './_auth.js';
import { renderStatusPage } from './_page.js';
import { MetricsConfigError } from './errors.js';
import { isLoopbackHost, type ListenAddress } from './listen.js';

/** What `/metrics` serves: prom-client's `Registry` fits. */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

/** Bounds on what one client may cost the server. */
export interface EndpointLimits {
  /** Largest request head in bytes; above it Node answers 431. Default 8 KiB. */
  readonly maxHeaderSize?: number;
  /** Time to send the whole request head, in ms (slow-loris clients get 408 and are dropped). Default 10 s. */
  readonly headersTimeoutMs?: number;
  /** Time for the whole request, in ms. Default 15 s. */
  readonly requestTimeoutMs?: number;
  /** How often Node checks the two timeouts, in ms. Default 1 s. */
  readonly checkIntervalMs?: number;
  /** Open connections at once; more are closed at once. Default 128. */
  readonly maxConnections?: number;
}

/** Options of `startMetricsEndpoint`. */
export interface MetricsEndpointOptions {
  readonly listen: ListenAddress;
  /** Required unless `listen` is a loopback address (see `readTokenFile`). */
  readonly token: string | null;
  readonly metrics: MetricsSource;
  /** The document `/status.json` serves and the page shows (the `status` command's result). */
  readonly status: () => unknown;
  /** Title of the status page. */
  readonly title?: string;
  readonly limits?: EndpointLimits;
  /** A request that failed inside the server (never a client's bad input). */
  readonly onError?: (error: Error) => void;
}

/** A listening endpoint. */
export interface MetricsEndpoint {
  /** The bound address (the real port when `listen.port` was 0). */
  readonly address: { readonly host: string; readonly port: number };
  close(): Promise<void>;
}

/** Opens the endpoint; rejects with MetricsConfigError for a non-loopback address without a token, or when the port is taken. */
export async function startMetricsEndpoint(options: MetricsEndpointOptions): Promise<MetricsEndpoint> {
  const { listen, token } = options;
  if (token === null && !isLoopbackHost(listen.host)) {
    throw new MetricsConfigError(
      `fail2ban.conf: metrics = ${listen.host}:${listen.port} is reachable from other machines: set metricstokenfile to a file (mode 600) holding a token, or listen on 127.0.0.1`,
    );
  }
  const limits = options.limits ?? {};
  const page = renderStatusPage(options.title ?? 'f2b status');
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderSize ?? 8192,
      headersTimeout: limits.headersTimeoutMs ?? 10_000,
      requestTimeout: limits.requestTimeoutMs ?? 15_000,
      connectionsCheckingInterval: limits.checkIntervalMs ?? 1000,
      keepAliveTimeout: 5000,
    },
    (request, response) => {
      respond(request, response, options, page).catch((error: unknown) => {
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
        if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error (see the f2b log)\n');
        else response.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections ?? 128;
  await listenOn(server, listen);
  const bound = server.address() as AddressInfo;
  return {
    address: { host: bound.address, port: bound.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listenOn(server: Server, listen: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      reject(new MetricsConfigError(`fail2ban.conf: metrics = ${listen.host}:${listen.port}: cannot listen there (${error.code ?? error.message})`));
    };
    server.once('error', failed);
    server.listen({ host: listen.host, port: listen.port, exclusive: true }, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

async function respond(request: IncomingMessage, response: ServerResponse, options: MetricsEndpointOptions, page: ReturnType<typeof renderStatusPage>): Promise<void> {
  const access = checkAccess(request, options.token);
  if (access === 'no-token') {
    send(response, 401, 'text/plain; charset=utf-8', 'a token is required (Authorization: Bearer TOKEN)\n', { 'www-authenticate': 'Basic realm="f2b", charset="UTF-8"' });
    return;
  }
  if (access === 'foreign-host') {
    send(response, 403, 'text/plain; charset=utf-8', 'this endpoint answers to loopback host names only\n');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'text/plain; charset=utf-8', 'read-only: GET or HEAD\n', { allow: 'GET, HEAD' });
    return;
  }
  const path = (request.url ?? '/').split('?', 1)[0];
  switch (path) {
    case '/metrics': {
      const text = await options.metrics.metrics();
      send(response, 200, options.metrics.contentType, text);
      return;
    }
    case '/status.json':
      send(response, 200, 'application/json; charset=utf-8', JSON.stringify(options.status()));
      return;
    case '/':
      send(response, 200, 'text/html; charset=utf-8', page.html, { 'content-security-policy': page.contentSecurityPolicy, 'x-frame-options': 'DENY' });
      return;
    default:
      send(response, 404, 'text/plain; charset=utf-8', 'not found (try /, /metrics or /status.json)\n');
  }
}
