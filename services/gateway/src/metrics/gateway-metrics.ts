import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsScrape } from '@broker/platform';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Seconds: from a cached read under a millisecond to a slow import upload. */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type RoutedRequest = IncomingMessage & { baseUrl?: string; route?: { path?: unknown }; originalUrl?: string };

/**
 * The route an HTTP request matched, as its template (`/api/v1/organizations/:organizationId/orders`), so labels stay
 * bounded: never a path with ids in it. Requests no API route matched count as "unmatched", the portal's files as
 * "portal".
 */
export function routeLabel(request: RoutedRequest): string {
  const template = request.route?.path;
  if (typeof template === 'string') return `${request.baseUrl ?? ''}${template}`;
  const path = (request.originalUrl ?? request.url ?? '/').split('?')[0]!;
  return path.startsWith('/api/') ? 'unmatched' : 'portal';
}

/**
 * The gateway's Prometheus metrics: Node's runtime metrics and every HTTP request by method, route template and
 * status, with its duration. Served on the probe port (PROBE_PORT), never on the public API port.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    this.registry.setDefaultLabels({ service: 'gateway' });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'broker_http_request_duration_seconds',
      help: 'HTTP requests the gateway answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS,
      registers: [this.registry],
    });
  }

  /** Express middleware: times each request until its answer is finished (or the client went away). */
  middleware(): (request: RoutedRequest, response: ServerResponse, next: () => void) => void {
    return (request, response, next) => {
      const stop = this.httpDuration.startTimer();
      response.once('close', () => stop({ method: request.method ?? 'GET', route: routeLabel(request), status: String(response.statusCode) }));
      next();
    };
  }

  async scrape(): Promise<MetricsScrape> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
