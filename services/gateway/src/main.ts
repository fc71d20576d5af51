import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, exitFatally, installShutdown, loadConfigOrExit, PinoNestLogger, ProbeServer, startTracing, tracingSettingsFrom, validationPipe, type Logger } from '@broker/platform';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { serveOpenApi } from './openapi/openapi';
import { servePortal } from './portal/serve-portal';
import { securityHeaders } from './security/security-headers';
import { httpTracing } from './tracing/http-tracing';
import { parseTrustedProxies } from './trusted-proxies/trusted-proxies';

async function bootstrap(config: GatewayConfig, logger: Logger): Promise<void> {
  const tracing = startTracing(tracingSettingsFrom(process.env), { service: 'gateway', deployment: config.DEPLOYMENT_NAME }, logger);
  const metrics = new GatewayMetrics();
  // Metrics (and probes) on a port of their own, never on the public one.
  const probes = config.PROBE_PORT
    ? new ProbeServer({ port: config.PROBE_PORT, host: config.PROBE_HOST, logger, metrics: () => metrics.scrape(), readiness: () => Promise.resolve({ ready: true, detail: {} }) })
    : null;
  await probes?.listen();
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(config, logger), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    // A failing provider (NATS unreachable) rejects here, for the fatal line below, instead of aborting.
    abortOnError: false,
  });
  // Small JSON bodies only; larger ones answer 413. CSV imports get their own limit on their route.
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { limit: '20mb', type: ['text/csv', 'text/plain'] });
  // request.ip is the client's address: X-Forwarded-For counts only from these proxies (TRUSTED_PROXIES).
  const trusted = parseTrustedProxies(config.TRUSTED_PROXIES);
  app.set('trust proxy', 'proxies' in trusted ? trusted.proxies : 'loopback');
  app.disable('x-powered-by');
  app.use(metrics.middleware());
  app.use(httpTracing());
  app.use(securityHeaders());
  if (!servePortal(app)) logger.warn('The web portal is not built (npm run build): only the API is served');
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(validationPipe());
  serveOpenApi(app);
  await app.listen(config.PORT, '0.0.0.0');
  probes?.markStarted();
  installShutdown(app, {
    logger,
    onShutdown: async () => {
      await probes?.close();
      await tracing.shutdown();
    },
  });
  logger.info({ port: config.PORT }, `Gateway listening on http://127.0.0.1:${config.PORT}/api/v1`);
}

const config = loadConfigOrExit(GatewayConfig);
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
// Unreachable NATS at boot and the like: say so once and exit 1 for the supervisor to try again.
bootstrap(config, logger).catch((error: unknown) => exitFatally(logger, 'Gateway failed to start', error));
