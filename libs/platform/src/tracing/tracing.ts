import { hostname } from 'node:os';
import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import type { Logger } from 'pino';
import { setTracingEnabled } from './spans';
import type { TracingSettings } from './tracing-settings';

export interface Tracing {
  /** Sends what is buffered and stops; a no-op while off. */
  shutdown(): Promise<void>;
}

export interface TracingIdentity {
  /** `service.name` of every span: gateway, approvals, ... */
  service: string;
  /** `service.namespace`: the deployment name. */
  deployment: string;
}

/**
 * Starts OpenTelemetry tracing for this process when `settings` turn it on: W3C trace context, spans kept by a
 * parent-based ratio sampler and posted in batches to the OTLP/HTTP endpoint. Off, nothing is registered and the span
 * helpers only call through. Export failures are logged at debug level: a collector that is away costs spans, never
 * requests.
 */
export function startTracing(settings: TracingSettings, identity: TracingIdentity, logger: Logger): Tracing {
  if (!settings.enabled) return { shutdown: () => Promise.resolve() };
  diag.setLogger(
    {
      error: (message) => logger.debug({ tracing: message }, 'Trace export problem'),
      warn: (message) => logger.debug({ tracing: message }, 'Trace export problem'),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    DiagLogLevel.WARN,
  );
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': identity.service,
      'service.namespace': identity.deployment,
      'service.instance.id': `${hostname()}:${process.pid}`,
    }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }), { scheduledDelayMillis: settings.batchDelayMs })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  setTracingEnabled(true);
  logger.info({ tracesUrl: settings.tracesUrl, sampleRatio: settings.sampleRatio }, 'Traces are exported by OTLP');
  return {
    shutdown: async () => {
      setTracingEnabled(false);
      await provider.shutdown().catch((error: unknown) => logger.debug({ err: error }, 'Trace export at shutdown failed'));
    },
  };
}
