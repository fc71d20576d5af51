import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  isAcceptableCorrelationId,
  newCorrelationId,
  runWithContext,
} from '../context/correlation-context';

export const CORRELATION_HEADER = 'x-correlation-id';

type CorrelatedRequest = IncomingMessage & { correlationId?: string };

/**
 * The correlation id of an HTTP request: the caller's `x-correlation-id` when it is acceptable, otherwise a new
 * UUID. Decided once per request and remembered on it, so the logging middleware and `correlationMiddleware`
 * agree whichever runs first.
 */
export function correlationIdOf(req: IncomingMessage): string {
  const request = req as CorrelatedRequest;
  if (request.correlationId) return request.correlationId;
  const header = req.headers[CORRELATION_HEADER];
  const incoming = Array.isArray(header) ? header[0] : header;
  request.correlationId = isAcceptableCorrelationId(incoming) ? incoming : newCorrelationId();
  return request.correlationId;
}

/**
 * Express-style middleware: adopts or creates the correlation id, echoes it in the response header and runs the
 * rest of the request inside the correlation context.
 *
 * Apply it through Nest's `MiddlewareConsumer` (`consumer.apply(correlationMiddleware).forRoutes('*')`), which runs
 * after body parsing: the context would not survive the body parser's stream events if it ran before them.
 */
export function correlationMiddleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
  const correlationId = correlationIdOf(req);
  if (!res.headersSent) res.setHeader(CORRELATION_HEADER, correlationId);
  runWithContext({ correlationId }, () => next());
}
