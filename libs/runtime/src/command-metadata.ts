import type { EventMetadata } from '@broker/event-sourcing';
import { currentContext } from '@broker/platform';

/**
 * Metadata for the events a command appends: the correlation id of the request that caused it (carried from the
 * HTTP request through NATS headers), who did it, and the tenant.
 */
export function commandMetadata(actor: { userId: string }, tenant: { resellerId?: string | null; organizationId?: string | null } = {}): EventMetadata {
  const context = currentContext();
  const metadata: EventMetadata = { actorId: actor.userId };
  if (context?.correlationId) metadata.correlationId = context.correlationId;
  if (context?.causationId) metadata.causationId = context.causationId;
  if (tenant.resellerId) metadata.resellerId = tenant.resellerId;
  if (tenant.organizationId) metadata.organizationId = tenant.organizationId;
  return metadata;
}
