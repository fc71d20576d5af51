import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';

/** What a metrics scrape answers: Prometheus's text format. */
export interface MetricsScrape {
  contentType: string;
  body: string;
}

export interface Readiness {
  ready: boolean;
  /** What the answer's body shows (the checks and their states); never a secret. */
  detail: Record<string, unknown>;
}

export interface ProbeServerOptions {
  port: number;
  host: string;
  /** Whether the service can do its work now (its stores and NATS answer); asked at each readiness probe. */
  readiness: () => Promise<Readiness>;
  logger: Logger;
  /** Longest wait for the readiness answer before 503. Default 2000 ms. */
  readinessTimeoutMs?: number;
  /** The service's Prometheus metrics, served at `GET /metrics` when given. */
  metrics?: () => Promise<MetricsScrape>;
}

/**
 * HTTP probes of a backing service on a port of its own, for a cluster or a container engine: `GET /live` answers
 * 200 while the process serves (a frozen or wedged process does not answer, and is restarted); `GET /ready` answers
 * 200 when the service can work now and 503 otherwise (traffic and rollouts wait for it; nothing is restarted for an
 * outage of PostgreSQL or NATS, which the service rides out). `GET /metrics` answers the service's Prometheus
 * metrics when it has them. Anything else is 404; only GET and HEAD are served.
 */
export class ProbeServer {
  private server: Server | null = null;
  private started = false;

  constructor(private readonly options: ProbeServerOptions) {}

  /** Listens; readiness stays 503 until `markStarted`, so a service still starting takes no traffic. */
  async listen(): Promise<void> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      const metrics = this.options.metrics;
      if (path === '/metrics' && metrics && (request.method === 'GET' || request.method === 'HEAD')) {
        void metrics().then(
          ({ contentType, body }) => {
            response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
            response.end(request.method === 'HEAD' ? undefined : body);
          },
          () => {
            response.writeHead(500, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ status: 'metrics unavailable' }));
          },
        );
        return;
      }
      void this.answer(request.method ?? 'GET', path).then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : JSON.stringify(body));
      });
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.options.logger.info({ host: this.options.host, port: this.options.port }, `Probes listening: GET /live, GET /ready${this.options.metrics ? ', GET /metrics' : ''}`);
  }

  markStarted(): void {
    this.started = true;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(method: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, body: { status: 'method not allowed' } };
    if (path === '/live') return { status: 200, body: { status: 'up' } };
    if (path !== '/ready') return { status: 404, body: { status: 'not found', probes: ['/live', '/ready'] } };
    if (!this.started) return { status: 503, body: { status: 'starting' } };
    const timeoutMs = this.options.readinessTimeoutMs ?? 2_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const readiness = await Promise.race([
        this.options.readiness(),
        new Promise<Readiness>((resolve) => {
          timer = setTimeout(() => resolve({ ready: false, detail: { reason: `no readiness answer within ${timeoutMs} ms` } }), timeoutMs);
        }),
      ]);
      return { status: readiness.ready ? 200 : 503, body: { status: readiness.ready ? 'ready' : 'not ready', ...readiness.detail } };
    } catch (error) {
      return { status: 503, body: { status: 'not ready', reason: (error as Error).message } };
    } finally {
      clearTimeout(timer);
    }
  }
}
