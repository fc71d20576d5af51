import { Inject, Injectable } from '@nestjs/common';
import { isSupportReader, type RecordSupportAccessRequest } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { currentCorrelationId } from '@broker/platform';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { OrganizationRepository } from '../../organizations/organization.repository';
import { supportAccessStreamId, type SupportAccessEvent } from '../domain/support-access.events';
import { SupportAccessForbiddenError } from '../domain/support-access.errors';

/**
 * Records one read of an organization by the platform admin, before the gateway serves it: when this fails, the read
 * does not happen. Only the platform admin's reads are recorded (others read by their own role). The access id is
 * the event id, so a retried request records nothing twice; the log has no rule to decide on, so the append takes
 * any revision and concurrent reads never conflict.
 */
@Injectable()
export class RecordSupportAccessHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organizations: OrganizationRepository,
  ) {}

  async execute(request: RecordSupportAccessRequest, at = new Date()): Promise<void> {
    const { actor, organizationId, supportAccessId, method, route } = request;
    if (!isSupportReader(actor)) throw new SupportAccessForbiddenError('record support accesses');
    const organization = await this.organizations.loadFor(actor, organizationId, 'read');
    const event: SupportAccessEvent = {
      type: 'SupportAccessRecorded',
      data: {
        supportAccessId,
        organizationId,
        resellerId: organization.resellerId,
        accessedBy: actor.userId,
        method,
        route,
        correlationId: currentCorrelationId() ?? null,
        accessedAt: at.toISOString(),
      },
    };
    await this.store.appendToStream(
      supportAccessStreamId(organizationId),
      [{ id: supportAccessId, type: event.type, data: { ...event.data }, metadata: commandMetadata(actor, { resellerId: organization.resellerId, organizationId }) }],
      'any',
    );
  }
}
