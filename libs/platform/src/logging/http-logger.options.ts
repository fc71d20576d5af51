import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Logger } from 'pino';
import { CORRELATION_HEADER, correlationIdOf } from './correlation.middleware';

/**
 * `LoggerModule.forRoot(httpLoggerParams(logger))` for the HTTP gateway: pino-http reuses the service's pino
 * instance (same redaction, same `service` field), takes the request id from the correlation id (incoming
 * `x-correlation-id` or a new UUID), sets the response header and logs one line per request with `correlationId`.
 * Health probes are logged at debug level only, whatever they answer.
 */
export function httpLoggerParams(logger: Logger, options: { quietPaths?: string[] } = {}): Params {
  const quiet = new Set(options.quietPaths ?? ['/health', '/api/v1/health']);
  return {
    pinoHttp: {
      logger,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = correlationIdOf(req);
        if (!res.headersSent) res.setHeader(CORRELATION_HEADER, id);
        return id;
      },
      customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) => {
        // Health probes answer 503 while services start; their answer is the report, so they stay at debug.
        if (quiet.has((req.url ?? '').split('?')[0] ?? '')) return 'debug';
        if (error || res.statusCode >= 500) return 'error';
        return res.statusCode >= 400 ? 'warn' : 'info';
      },
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
