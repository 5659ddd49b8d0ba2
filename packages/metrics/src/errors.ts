/** @module errors: why the metrics endpoint was not opened, in one line naming the option. */

/** A `metrics` / `metricstokenfile` setting that cannot be used; the endpoint stays closed, the server runs on. */
export class MetricsConfigError extends Error {
  readonly code = 'E_METRICS_CONFIG' as const;
  constructor(message: string) {
    super(message);
    this.name = 'MetricsConfigError';
  }
}
