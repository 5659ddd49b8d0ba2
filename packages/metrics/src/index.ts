/** @module metrics: public API of @f2b/metrics. */

// The HTTP endpoint: /metrics, / (status page), /status.json
export { startMetricsEndpoint } from './endpoint.js';
export type { EndpointLimits, MetricsEndpoint, MetricsEndpointOptions, MetricsSource } from './endpoint.js';
export { isLoopbackHost, parseListenAddress, type ListenAddress } from './listen.js';
export { readTokenFile } from './token.js';

// Metrics
export { addScrapedCounter, addScrapedGauge, Counter, createMetricsRegistry, Gauge, Histogram, Registry, type GaugeReader } from './registry.js';

// Errors
export { MetricsConfigError } from './errors.js';
