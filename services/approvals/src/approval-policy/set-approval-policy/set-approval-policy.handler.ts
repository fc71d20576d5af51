import { Inject, Injectable } from '@nestjs/common';
import type { ApprovalPolicyView, SetApprovalPolicyRequest } from '@broker/contracts';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { toApprovalPolicyView } from '../approval-policy.view';
import { approvalPolicyDecider } from '../domain/approval-policy.decider';
import { approvalPolicyStreamId } from '../domain/approval-policy.events';
import { OrganizationAccess, POLICY_WRITERS } from '../organization-access/organization-access';

/** Sets the whole policy of an organization ("set to": a repeated request records nothing). */
@Injectable()
export class SetApprovalPolicyHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: OrganizationAccess,
  ) {}

  async execute(request: SetApprovalPolicyRequest, at = new Date()): Promise<ApprovalPolicyView> {
    const { actor, organizationId, approvalRequired, dynamicApproval } = request;
    const organization = await this.access.check(actor, organizationId, POLICY_WRITERS, 'change');
    const { resellerId, currency } = organization;
    const command = {
      type: 'SetApprovalPolicy' as const,
      data: {
        organizationId,
        resellerId,
        approvalRequired,
        dynamicApproval: dynamicApproval.annualLimit === undefined ? { enabled: dynamicApproval.enabled } : { enabled: dynamicApproval.enabled, annualLimit: dynamicApproval.annualLimit },
        ...(currency ? { currency } : {}),
      },
      actorId: actor.userId,
      at,
    };
    const result = await handleCommand(this.store, approvalPolicyStreamId(organizationId), approvalPolicyDecider, command, {
      metadata: commandMetadata(actor, { resellerId, organizationId }),
      retries: 3,
    });
    return toApprovalPolicyView(organizationId, result.newState, currency);
  }
}
