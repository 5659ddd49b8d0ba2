// @f2b/metrics: the endpoint serves a scraped gauge, the status JSON it is given, and 404 for other paths.
import assert from 'node:assert/strict';
import { addScrapedGauge, createMetricsRegistry, parseListenAddress, startMetricsEndpoint } from '@f2b/metrics';

const registry = createMetricsRegistry();
let queued = 3;
addScrapedGauge(registry, 'consumer_queue_depth', 'Items waiting', [], () => [[{}, queued]]);
const endpoint = await startMetricsEndpoint({
  listen: parseListenAddress('127.0.0.1:0'),
  token: null,
  metrics: registry,
  status: () => ({ jails: ['sshd'] }),
});
try {
  const base = `http://127.0.0.1:${endpoint.address.port}`;
  queued = 5;
  const text = await (await fetch(`${base}/metrics`)).text();
  assert.ok(text.split('\n').includes('consumer_queue_depth 5'), text);
  assert.deepEqual(await (await fetch(`${base}/status.json`)).json(), { jails: ['sshd'] });
  assert.equal((await fetch(`${base}/no-such-page`)).status, 404);
} finally {
  await endpoint.close();
}
