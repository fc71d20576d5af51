import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';

export { SpanKind };
export type { Span };

/** W3C trace context as carried in message headers and event metadata. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

let enabled = false;

/** Set by `startTracing`: while off, the helpers below do nothing but call through. */
export function setTracingEnabled(on: boolean): void {
  enabled = on;
}

export function tracingEnabled(): boolean {
  return enabled;
}

const tracer = () => trace.getTracer('cloud-broker');

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The remote parent (from a message); without it the span is a child of the active one. */
  parent?: TraceCarrier | undefined;
  /** Start a new trace, whatever is active (a public request's own headers are not trusted). */
  root?: boolean;
}

/**
 * Runs `fn` inside a new span, the active one while it runs (so calls it makes are its children), and ends it when
 * `fn` settles; a failure marks the span with the error's code or name only (messages may hold input).
 */
export async function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span | undefined) => Promise<T>): Promise<T> {
  if (!enabled) return fn(undefined);
  const span = startSpan(name, options)!;
  try {
    return await context.with(trace.setSpan(parentContext(options), span), () => fn(span));
  } catch (error) {
    markFailed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** A span the caller ends (an HTTP request that ends on the response's `finish`); undefined while tracing is off. */
export function startSpan(name: string, options: SpanOptions): Span | undefined {
  if (!enabled) return undefined;
  return tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) }, parentContext(options));
}

/** Runs `fn` with `span` active. */
export function withActiveSpan<T>(span: Span | undefined, fn: () => T): T {
  if (!span) return fn();
  return context.with(trace.setSpan(context.active(), span), fn);
}

export function markFailed(span: Span | undefined, error: unknown): void {
  if (!span) return;
  const code = (error as { code?: unknown } | null)?.code;
  span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : error instanceof Error ? error.name : 'error' });
}

/** The active span's context to send along (RPC headers, event metadata); undefined while off or outside a span. */
export function activeTraceCarrier(): TraceCarrier | undefined {
  if (!enabled) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (!carrier.traceparent) return undefined;
  return carrier.tracestate ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate } : { traceparent: carrier.traceparent };
}

/** Longer is not a trace context header of the standard's shape. */
const MAX_TRACE_FIELD_LENGTH = 512;

/** A trace context read from outside (message headers, event metadata): strings of a sane length, or nothing. */
export function readTraceCarrier(read: (field: keyof TraceCarrier) => unknown): TraceCarrier | undefined {
  const traceparent = read('traceparent');
  if (typeof traceparent !== 'string' || traceparent.length === 0 || traceparent.length > MAX_TRACE_FIELD_LENGTH) return undefined;
  const tracestate = read('tracestate');
  return typeof tracestate === 'string' && tracestate.length > 0 && tracestate.length <= MAX_TRACE_FIELD_LENGTH ? { traceparent, tracestate } : { traceparent };
}

function parentContext(options: SpanOptions): Context {
  if (options.root) return ROOT_CONTEXT;
  if (options.parent?.traceparent) return propagation.extract(ROOT_CONTEXT, options.parent);
  return context.active();
}
