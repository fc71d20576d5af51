import { Inject, Injectable } from '@nestjs/common';
import { ORGANIZATION_ROLES, type CreateSupportRequestRequest, type SupportRequestCreated } from '@broker/contracts';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { OrganizationRepository } from '../../organizations/organization.repository';
import { supportRequestDecider } from '../domain/support-request.decider';
import { supportRequestStreamId } from '../domain/support-request.events';
import { SupportRequestForbiddenError } from '../domain/support-request.errors';
import { SubscriptionFacts } from './subscription-facts';

/**
 * Any user of an organization asks its reseller for help, for their own organization only. The organization (from
 * its stream) and the subscription (from the catalog, at this moment) are checked and their facts recorded in the
 * event, so the notifications service e-mails the reseller's support address from the event alone.
 */
@Injectable()
export class CreateSupportRequestHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organizations: OrganizationRepository,
    private readonly subscriptions: SubscriptionFacts,
  ) {}

  async execute(request: CreateSupportRequestRequest, at = new Date()): Promise<SupportRequestCreated> {
    const { actor, supportRequestId, subject, message, subscriptionId } = request;
    if (!ORGANIZATION_ROLES.includes(actor.role) || !actor.organizationId) throw new SupportRequestForbiddenError();
    const organization = await this.organizations.loadFor(actor, actor.organizationId, 'read');
    const subscription = subscriptionId ? await this.subscriptions.of(actor, organization.id, subscriptionId) : null;
    await handleCommand(
      this.store,
      supportRequestStreamId(supportRequestId),
      supportRequestDecider,
      {
        type: 'CreateSupportRequest',
        data: {
          supportRequestId,
          resellerId: organization.resellerId,
          organizationId: organization.id,
          organizationName: organization.name,
          subject,
          message,
          subscription,
        },
        actorId: actor.userId,
        at,
      },
      { metadata: commandMetadata(actor, { resellerId: organization.resellerId, organizationId: organization.id }) },
    );
    return { id: supportRequestId };
  }
}
