import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface AppMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** How many providers' circuits are in each state, in this process (no tenant ids in labels). */
  circuits: Gauge<'state'>;
}

/** One registry per app instance, so tests that build several apps don't share counters. */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'promptops_' });
  const httpDuration = new Histogram({
    name: 'promptops_http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const circuits = new Gauge({
    name: 'promptops_provider_circuits',
    help: 'Providers whose circuit breaker is in each state (closed, half-open, open), in this process',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  return { registry, httpDuration, circuits };
}
