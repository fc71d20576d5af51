import { freeLoopbackPort } from '../network/free-port';
import { createLogger } from '../logging/create-logger';
import { ProbeServer, type Readiness } from './probe-server';

describe('ProbeServer (HTTP probes on a port of their own)', () => {
  let server: ProbeServer;
  let base: string;
  let readiness: () => Promise<Readiness>;

  beforeEach(async () => {
    const port = await freeLoopbackPort();
    base = `http://127.0.0.1:${port}`;
    readiness = () => Promise.resolve({ ready: true, detail: { checks: { postgres: { status: 'up' } } } });
    server = new ProbeServer({ port, host: '127.0.0.1', logger: createLogger({ service: 'catalog', level: 'silent' }), readiness: () => readiness(), readinessTimeoutMs: 300 });
    await server.listen();
  });

  afterEach(() => server.close());

  const get = async (path: string, method = 'GET') => {
    const response = await fetch(`${base}${path}`, { method });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, cache: response.headers.get('cache-control') };
  };

  it('answers live at once, and ready only once the service has started', async () => {
    expect(await get('/live')).toEqual({ status: 200, body: { status: 'up' }, cache: 'no-store' });
    expect(await get('/ready')).toMatchObject({ status: 503, body: { status: 'starting' } });
    server.markStarted();
    expect(await get('/ready')).toMatchObject({ status: 200, body: { status: 'ready', checks: { postgres: { status: 'up' } } } });
  });

  it('answers 503 with the checks while the service cannot work, when its readiness fails, and when it does not answer in time', async () => {
    server.markStarted();
    readiness = () => Promise.resolve({ ready: false, detail: { checks: { nats: { status: 'reconnecting' } } } });
    expect(await get('/ready')).toMatchObject({ status: 503, body: { status: 'not ready', checks: { nats: { status: 'reconnecting' } } } });
    readiness = () => Promise.reject(new Error('pool ended'));
    expect(await get('/ready')).toMatchObject({ status: 503, body: { status: 'not ready', reason: 'pool ended' } });
    readiness = () => new Promise(() => undefined);
    expect(await get('/ready')).toMatchObject({ status: 503, body: { reason: 'no readiness answer within 300 ms' } });
    // Liveness does not depend on readiness: an outage is ridden out, not restarted.
    expect((await get('/live')).status).toBe(200);
  });

  it('serves only GET and HEAD on /live and /ready', async () => {
    expect(await get('/live', 'HEAD')).toMatchObject({ status: 200, body: null });
    expect((await get('/live', 'POST')).status).toBe(405);
    expect(await get('/metrics')).toMatchObject({ status: 404, body: { probes: ['/live', '/ready'] } });
  });

  it('stops answering once closed', async () => {
    await server.close();
    await expect(fetch(`${base}/live`)).rejects.toThrow();
  });

  it('serves the metrics it is given at /metrics, as Prometheus text', async () => {
    const port = await freeLoopbackPort();
    const withMetrics = new ProbeServer({
      port,
      host: '127.0.0.1',
      logger: createLogger({ service: 'catalog', level: 'silent' }),
      readiness: () => readiness(),
      metrics: () => Promise.resolve({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'up{service="catalog"} 1\n' }),
    });
    await withMetrics.listen();
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(await response.text()).toBe('up{service="catalog"} 1\n');
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      await withMetrics.close();
    }
  });
});
