import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsConfigError, startMetricsEndpoint, type MetricsEndpoint, type MetricsEndpointOptions } from '../src/index.js';

const source = { contentType: 'text/plain; version=0.0.4; charset=utf-8', metrics: async () => 'f2b_up 1\n' };
let endpoint: MetricsEndpoint | null = null;
afterEach(async () => {
  await endpoint?.close();
  endpoint = null;
});

async function open(overrides: Partial<MetricsEndpointOptions> = {}): Promise<string> {
  endpoint = await startMetricsEndpoint({ listen: { host: '127.0.0.1', port: 0 }, token: null, metrics: source, status: () => ({ jails: [] }), ...overrides });
  return `http://127.0.0.1:${endpoint.address.port}/`;
}

/** Opens a raw connection, sends `head` and returns everything the server sent before closing (or '' on timeout). */
function rawExchange(port: number, head: string, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
    socket.write(head);
    setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, waitMs);
  });
}

describe('metrics endpoint', () => {
  it('serves /metrics, / and /status.json; 404 for anything else', async () => {
    const base = await open();
    const metrics = await fetch(`${base}metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toBe('f2b_up 1\n');
    const page = await fetch(base);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'sha256-/);
    expect(await page.text()).toContain('<table id="bans">');
    expect(await (await fetch(`${base}status.json`)).json()).toEqual({ jails: [] });
    expect((await fetch(`${base}favicon.ico`)).status).toBe(404);
    expect((await fetch(`${base}metrics`, { method: 'HEAD' })).status).toBe(200);
  });

  it('drops a client that sends its request head too slowly (408), and keeps serving others', async () => {
    const base = await open({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 400, checkIntervalMs: 100 } });
    const port = endpoint!.address.port;
    // Half a request line, then nothing: the server must give up on it by itself.
    const slow = rawExchange(port, 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 5000);
    // rawExchange gives up after 5 s with nothing: a 408 means the server closed it first.
    expect(await slow).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${base}metrics`)).status).toBe(200);
  });

  it('drops idle connections that fill maxConnections once their head time is up, then serves again', async () => {
    const base = await open({ limits: { maxConnections: 4, headersTimeoutMs: 300, requestTimeoutMs: 400, checkIntervalMs: 100 } });
    const port = endpoint!.address.port;
    const flood = Array.from({ length: 6 }, () => rawExchange(port, 'GET / HTTP/1.1\r\n', 5000));
    const answers = await Promise.all(flood);
    // Those over the limit are closed at once (nothing sent), the others get 408 when their time is up.
    expect(answers.filter((a) => a.startsWith('HTTP/1.1 408')).length).toBe(4);
    expect(answers.filter((a) => a === '').length).toBe(2);
    expect((await fetch(`${base}metrics`)).status).toBe(200);
  });

  it('answers 431 to a request head over maxHeaderSize, and 400 to garbage', async () => {
    await open({ limits: { maxHeaderSize: 1024 } });
    const port = endpoint!.address.port;
    expect(await rawExchange(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(4096)}\r\n\r\n`, 2000)).toMatch(/^HTTP\/1\.1 431/);
    expect(await rawExchange(port, '\x16\x03\x01 not http at all\r\n\r\n', 2000)).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
  });

  it('answers 500 with one line when the status source throws, and keeps serving', async () => {
    const errors: string[] = [];
    const base = await open({
      status: () => {
        throw new Error('boom');
      },
      onError: (e) => errors.push(e.message),
    });
    const failed = await fetch(`${base}status.json`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('internal error (see the f2b log)\n');
    expect(errors).toEqual(['boom']);
    expect((await fetch(`${base}metrics`)).status).toBe(200);
  });

  it('refuses to listen on a non-loopback address without a token', async () => {
    await expect(startMetricsEndpoint({ listen: { host: '0.0.0.0', port: 0 }, token: null, metrics: source, status: () => ({}) })).rejects.toThrow(MetricsConfigError);
    await expect(startMetricsEndpoint({ listen: { host: '::', port: 0 }, token: null, metrics: source, status: () => ({}) })).rejects.toThrow(/metricstokenfile/);
  });

  it('reports a port already in use as one line', async () => {
    await open();
    const taken = endpoint!.address.port;
    await expect(startMetricsEndpoint({ listen: { host: '127.0.0.1', port: taken }, token: null, metrics: source, status: () => ({}) })).rejects.toThrow(
      `fail2ban.conf: metrics = 127.0.0.1:${taken}: cannot listen there (EADDRINUSE)`,
    );
  });
});
