import type { IntegrationEventEnvelope } from '@broker/contracts';
import { eventHandlers, on, type IntegrationEventHandlers } from '@broker/messaging';
import type { UnitOfWork } from '@broker/read-models';
import { Directory, USER_DIRECTORY, type UserEntry } from '../../directory/directory';
import { ACTIVITY_LOG, type ActivityEntry } from '../activity-entry';
import { describersFrom, type ActivityDescriber, type ActivityNames } from './activity-descriptions';

/** The names this service has learnt, read in the consumer's unit of work. */
function namesIn(uow: UnitOfWork): ActivityNames {
  const directory = new Directory(uow);
  return {
    async user(userId) {
      const known = await directory.user(userId);
      return known ? known.name || known.username : null;
    },
    async organization(organizationId) {
      return (await directory.organization(organizationId))?.name ?? null;
    },
    async tenantOfUser(userId) {
      const entry = (await uow.get<UserEntry>(USER_DIRECTORY.name, userId))?.data;
      return entry ? { resellerId: entry.resellerId ?? null, organizationId: entry.organizationId ?? null } : null;
    },
  };
}

/**
 * One activity entry per event, under the event's id: a redelivered event writes the same entry again. The actor is
 * the envelope's (the user whose request it was) unless the event names a better one; their name is the one known now.
 */
export async function recordActivity(describer: ActivityDescriber, envelope: IntegrationEventEnvelope<unknown>, uow: UnitOfWork): Promise<ActivityEntry> {
  const names = namesIn(uow);
  const description = await describer.describe(envelope.data, names);
  const actorId = description.actorId !== undefined ? description.actorId : (envelope.actorId ?? null);
  const actorName = actorId && actorId !== 'system' && actorId !== 'policy' ? await names.user(actorId) : null;
  const entry: ActivityEntry = {
    id: envelope.id,
    at: new Date(envelope.occurredAt).toISOString(),
    resellerId: envelope.resellerId ?? description.tenant?.resellerId ?? null,
    organizationId: envelope.organizationId ?? description.tenant?.organizationId ?? null,
    actorId,
    actorName,
    action: description.action,
    target: description.target,
    targetId: description.target.id,
    summary: description.summary,
    correlationId: envelope.correlationId,
  };
  await uow.upsert(ACTIVITY_LOG.name, entry.id, entry);
  return entry;
}

/** The activity log's handlers of one source service's events (a consumer of its own, apart from the e-mails). */
export function activityHandlers(service: ActivityDescriber['from']): IntegrationEventHandlers {
  return eventHandlers(...describersFrom(service).map((describer) => on(describer.contract, (envelope, uow) => recordActivity(describer, envelope, uow).then(() => undefined))));
}
