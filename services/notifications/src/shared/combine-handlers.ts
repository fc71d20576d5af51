import type { IntegrationEventEnvelope } from '@broker/contracts';
import type { IntegrationEventHandlers } from '@broker/messaging';
import type { UnitOfWork } from '@broker/read-models';

type Handler = (envelope: IntegrationEventEnvelope<never>, uow: UnitOfWork) => Promise<void>;

/**
 * One consumer per source service (NATS 2.9 takes one filter subject), several slices reacting to its events: the
 * handlers of one event type run in the order given (directories first, then the e-mails that read them), all in
 * the message's one unit of work.
 */
export function combineHandlers(...sets: IntegrationEventHandlers[]): IntegrationEventHandlers {
  const byType = new Map<string, Handler[]>();
  for (const set of sets) {
    for (const [type, handler] of Object.entries(set)) byType.set(type, [...(byType.get(type) ?? []), handler as Handler]);
  }
  return Object.fromEntries(
    [...byType].map(([type, handlers]) => [
      type,
      async (envelope: IntegrationEventEnvelope<never>, uow: UnitOfWork) => {
        for (const handler of handlers) await handler(envelope, uow);
      },
    ]),
  );
}
