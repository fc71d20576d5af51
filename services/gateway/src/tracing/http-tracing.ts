import type { IncomingMessage, ServerResponse } from 'node:http';
import { markFailed, SpanKind, startSpan, tracingEnabled, withActiveSpan } from '@broker/platform';
import { routeLabel } from '../metrics/gateway-metrics';

type RoutedRequest = Parameters<typeof routeLabel>[0] & IncomingMessage;

/**
 * Express middleware: each API request is the root span of a new trace (a client's own `traceparent` is not trusted:
 * it could force sampling or join traces it should not), named by method and route template, ended with the answer.
 * Everything the request causes (RPC calls, appends, events, e-mails) continues this trace.
 */
export function httpTracing(): (request: RoutedRequest, response: ServerResponse, next: () => void) => void {
  return (request, response, next) => {
    if (!tracingEnabled()) return next();
    const method = request.method ?? 'GET';
    const span = startSpan(method, { kind: SpanKind.SERVER, root: true, attributes: { 'http.request.method': method } });
    response.once('close', () => {
      const route = routeLabel(request);
      span?.updateName(`${method} ${route}`);
      span?.setAttributes({ 'http.route': route, 'http.response.status_code': response.statusCode });
      if (response.statusCode >= 500) markFailed(span, { code: String(response.statusCode) });
      span?.end();
    });
    withActiveSpan(span, next);
  };
}
