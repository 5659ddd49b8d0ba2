/** @module _metrics-harness: find a running server's metrics endpoint, scrape it, read samples out of the text. */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { waitFor, type ServerTree } from './_harness.js';

/** Waits for the server log's "Metrics and status page on http://HOST:PORT/" line; returns that URL. */
export async function metricsBaseUrl(t: ServerTree): Promise<string> {
  let url = '';
  await waitFor(() => {
    const found = /Metrics and status page on (http:\/\/[^\s"]+\/)/.exec(readLog(t));
    url = found?.[1] ?? '';
    return url !== '';
  }, 10_000, 'the metrics endpoint to open');
  return url;
}

export function readLog(t: ServerTree): string {
  try {
    return readFileSync(t.logfile, 'utf8');
  } catch {
    return '';
  }
}

/** GETs `url` with Node's fetch (a real HTTP client). */
export async function scrape(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, { headers });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The value of sample `name{labels}` in Prometheus text (labels matched as a subset); undefined when absent. */
export function sampleValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((p) => [p[1], p[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** A raw request with a header far over the endpoint's limit (fetch refuses to send one that big). */
export function requestWithHugeHeader(base: string, bytes: number): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: '/', headers: { 'x-filler': 'a'.repeat(bytes) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
