import type { EventContract, IntegrationEventEnvelope } from '@broker/contracts';
import type { UnitOfWork } from '@broker/read-models';

/**
 * Applies one integration event. Everything it writes goes through `uow`, which also records the message in
 * the inbox; the unit commits before the message is acknowledged. Throwing rolls the unit back and retries.
 */
export type IntegrationEventHandler<Data = Record<string, unknown>> = (
  envelope: IntegrationEventEnvelope<Data>,
  uow: UnitOfWork,
) => Promise<void>;

/** A handler of some event: it is only ever given the envelope of the event it was bound to with `on`. */
export type AnyIntegrationEventHandler = IntegrationEventHandler<never>;

declare const builtFromContracts: unique symbol;

/**
 * Handlers by integration event type; types without a handler are acknowledged and skipped. Only `eventHandlers`
 * (and the combinators below) build one, so every handler in it was checked against its event's contract.
 */
export type IntegrationEventHandlers = Readonly<Record<string, AnyIntegrationEventHandler>> & { readonly [builtFromContracts]: true };

/** One handler bound to the event it handles. */
export interface EventHandlerBinding<TData> {
  readonly type: string;
  readonly handle: IntegrationEventHandler<TData>;
}

/**
 * `on(OrganizationsEvents.organizationCreated, async (envelope, uow) => ...)`: the envelope's `data` is the
 * contract's payload. The payload type comes from the contract alone, so a handler that names another one does
 * not compile (one that names a wider type, reading less, does).
 */
export function on<TData>(contract: EventContract<TData>, handle: IntegrationEventHandler<NoInfer<TData>>): EventHandlerBinding<TData> {
  return Object.freeze({ type: contract.type, handle });
}

function fromEntries(entries: readonly (readonly [string, AnyIntegrationEventHandler])[]): IntegrationEventHandlers {
  // eslint-disable-next-line no-restricted-syntax -- the one place a handler map is made; its entries come from `on`
  return Object.freeze(Object.fromEntries(entries)) as IntegrationEventHandlers;
}

/** The handler map of a consumer: one binding per event type (a type bound twice is a mistake and refused). */
export function eventHandlers(...bindings: readonly EventHandlerBinding<never>[]): IntegrationEventHandlers {
  const seen = new Set<string>();
  for (const { type } of bindings) {
    if (seen.has(type)) throw new Error(`Integration event ${type} has two handlers in one map`);
    seen.add(type);
  }
  return fromEntries(bindings.map(({ type, handle }) => [type, handle]));
}

/** Several maps as one: the handlers of one event type run in the order of the maps, in the same unit of work. */
export function combineEventHandlers(sets: readonly IntegrationEventHandlers[]): IntegrationEventHandlers {
  const byType = new Map<string, AnyIntegrationEventHandler[]>();
  for (const set of sets) {
    for (const [type, handler] of Object.entries(set)) byType.set(type, [...(byType.get(type) ?? []), handler]);
  }
  return fromEntries(
    [...byType].map(([type, handlers]) => [
      type,
      async (envelope: IntegrationEventEnvelope<never>, uow: UnitOfWork) => {
        for (const handler of handlers) await handler(envelope, uow);
      },
    ]),
  );
}

/** The same map with each handler wrapped (for logging, say); `wrap` is given the type it handles. */
export function mapEventHandlers(
  handlers: IntegrationEventHandlers,
  wrap: (type: string, handler: AnyIntegrationEventHandler) => AnyIntegrationEventHandler,
): IntegrationEventHandlers {
  return fromEntries(Object.entries(handlers).map(([type, handler]) => [type, wrap(type, handler)]));
}
