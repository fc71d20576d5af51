import { activeTraceCarrier, isAcceptableCorrelationId, readTraceCarrier, newCorrelationId, type CorrelationContext, type TraceCarrier } from '@broker/platform';
import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** NATS headers carrying the correlation context of a request (and its actor assertion). */
export const RPC_HEADERS = {
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
  actor: 'x-actor',
  actorAssertion: 'x-actor-assertion',
} as const;

/** W3C trace context (https://www.w3.org/TR/trace-context/), beside the correlation id. */
export const TRACE_HEADERS = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;


/** Longer is not an assertion identity issued. */
const MAX_ACTOR_ASSERTION_LENGTH = 2048;

export function contextToHeaders(ctx: CorrelationContext): MsgHdrs {
  const h = natsHeaders();
  h.set(RPC_HEADERS.correlationId, ctx.correlationId);
  if (ctx.causationId) h.set(RPC_HEADERS.causationId, ctx.causationId);
  if (ctx.actor) h.set(RPC_HEADERS.actor, ctx.actor);
  if (ctx.actorAssertion) h.set(RPC_HEADERS.actorAssertion, ctx.actorAssertion);
  setTraceHeaders(h, activeTraceCarrier());
  return h;
}

/** Adds the trace context to message headers (nothing while tracing is off). */
export function setTraceHeaders(h: MsgHdrs, carrier: TraceCarrier | undefined): void {
  if (carrier?.traceparent) h.set(TRACE_HEADERS.traceparent, carrier.traceparent);
  if (carrier?.tracestate) h.set(TRACE_HEADERS.tracestate, carrier.tracestate);
}

/** The trace context a message carries, when it carries one of a sane length. */
export function traceCarrierFromHeaders(h: MsgHdrs | undefined): TraceCarrier | undefined {
  return h ? readTraceCarrier((field) => h.get(TRACE_HEADERS[field]) || undefined) : undefined;
}

/** The context of an incoming request; a request without a usable correlation id starts a new one. */
export function contextFromHeaders(h: MsgHdrs | undefined): CorrelationContext {
  const correlationId = h?.get(RPC_HEADERS.correlationId);
  const ctx: CorrelationContext = {
    correlationId: isAcceptableCorrelationId(correlationId) ? correlationId : newCorrelationId(),
  };
  const causationId = h?.get(RPC_HEADERS.causationId);
  if (isAcceptableCorrelationId(causationId)) ctx.causationId = causationId;
  const actor = h?.get(RPC_HEADERS.actor);
  if (actor) ctx.actor = actor.slice(0, 200);
  const actorAssertion = h?.get(RPC_HEADERS.actorAssertion);
  if (actorAssertion && actorAssertion.length <= MAX_ACTOR_ASSERTION_LENGTH) ctx.actorAssertion = actorAssertion;
  return ctx;
}
