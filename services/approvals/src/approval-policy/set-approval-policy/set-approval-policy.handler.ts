import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ApprovalPolicyView, SetApprovalPolicyRequest } from '@broker/contracts';
import { handleCommand, WrongExpectedRevisionError, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE, OrganizationAccessClient } from '@broker/runtime';
import { POLICY_WRITERS } from '../approval-policy-access';
import { ApprovalPolicyVersionMismatchError, policyVersion } from '../approval-policy-version';
import { ApprovalPolicyRepository } from '../approval-policy.repository';
import { toApprovalPolicyView } from '../approval-policy.view';
import { approvalPolicyDecider, type ApprovalPolicyCommand } from '../domain/approval-policy.decider';
import { approvalPolicyStreamId } from '../domain/approval-policy.events';

/**
 * Sets the whole policy of an organization ("set to": a repeated request records nothing). With expected versions
 * (If-Match) it decides on the policy at one of them and appends at exactly that revision, so the version check
 * and the write are one step.
 */
@Injectable()
export class SetApprovalPolicyHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organizations: OrganizationAccessClient,
    private readonly policies: ApprovalPolicyRepository,
  ) {}

  async execute(request: SetApprovalPolicyRequest, at = new Date()): Promise<ApprovalPolicyView> {
    const { actor, organizationId, approvalRequired, dynamicApproval, expectedVersions } = request;
    const organization = await this.organizations.authorizeWithCurrency(actor, organizationId, POLICY_WRITERS);
    const { resellerId, currency } = organization;
    const command: ApprovalPolicyCommand = {
      type: 'SetApprovalPolicy',
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
    const metadata = commandMetadata(actor, { resellerId, organizationId });
    if (expectedVersions !== undefined) return this.setAtExpectedVersion(command, metadata, expectedVersions, currency);
    const result = await handleCommand(this.store, approvalPolicyStreamId(organizationId), approvalPolicyDecider, command, { metadata, retries: 3 });
    return toApprovalPolicyView(organizationId, result.newState, policyVersion(result.nextExpectedRevision), currency);
  }

  private async setAtExpectedVersion(command: ApprovalPolicyCommand, metadata: EventMetadata, expectedVersions: readonly string[], currency?: string): Promise<ApprovalPolicyView> {
    const { organizationId } = command.data;
    const { state, revision } = await this.policies.loadWithRevision(organizationId);
    if (!expectedVersions.includes(policyVersion(revision))) throw new ApprovalPolicyVersionMismatchError();
    const events = approvalPolicyDecider.decide(command, state);
    if (events.length === 0) return toApprovalPolicyView(organizationId, state, policyVersion(revision), currency);
    try {
      const appended = await this.store.appendToStream(
        approvalPolicyStreamId(organizationId),
        events.map((event) => ({ id: randomUUID(), type: event.type, data: { ...event.data }, metadata: { ...metadata } })),
        revision ?? 'no_stream',
      );
      return toApprovalPolicyView(organizationId, events.reduce(approvalPolicyDecider.evolve, state), policyVersion(appended.nextExpectedRevision), currency);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new ApprovalPolicyVersionMismatchError();
      throw error;
    }
  }
}
