import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ApprovalChainsView, ClearApprovalChainsRequest, SetApprovalChainsRequest } from '@broker/contracts';
import { handleCommand, WrongExpectedRevisionError, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE, OrganizationAccessClient } from '@broker/runtime';
import { CHAINS_WRITERS } from '../approval-chains-access';
import { ApprovalChainsRepository, chainsVersion } from '../approval-chains.repository';
import { toApprovalChainsView } from '../approval-chains.view';
import { approvalChainsDecider, type ApprovalChainsCommand } from '../domain/approval-chains.decider';
import { ApprovalChainsVersionMismatchError } from '../domain/approval-chains.errors';
import { approvalChainsStreamId } from '../domain/approval-chains.events';
import { ApproverRoles } from './approver-roles';

/**
 * Sets or clears an organization's approval chains ("set to": a repeated request records nothing). Every approver
 * must be an active org admin or billing admin of the organization at this moment (identity is asked). With expected
 * versions (If-Match) it decides on the configuration at one of them and appends at exactly that revision.
 */
@Injectable()
export class ChangeApprovalChainsHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organizations: OrganizationAccessClient,
    private readonly chains: ApprovalChainsRepository,
    private readonly approvers: ApproverRoles,
  ) {}

  async set(request: SetApprovalChainsRequest, at = new Date()): Promise<ApprovalChainsView> {
    const { actor, organizationId, rules } = request;
    const { resellerId, currency } = await this.organizations.authorizeWithCurrency(actor, organizationId, CHAINS_WRITERS);
    const approverIds = rules.flatMap((rule) => rule.steps.flatMap((step) => step.approverIds));
    const organizationUsers = await this.approvers.of(actor, organizationId, approverIds);
    const command: ApprovalChainsCommand = {
      type: 'SetApprovalChains',
      data: {
        organizationId,
        resellerId,
        rules: rules.map((rule) => ({ condition: conditionInput(rule.condition), steps: rule.steps.map((step) => ({ approverIds: [...step.approverIds] })) })),
        organizationUsers,
        ...(currency ? { currency } : {}),
        escalation: request.escalation
          ? { reminderAfterMinutes: request.escalation.reminderAfterMinutes, escalateAfterMinutes: request.escalation.escalateAfterMinutes, autoRejectAfterMinutes: request.escalation.autoRejectAfterMinutes ?? null }
          : null,
      },
      actorId: actor.userId,
      at,
    };
    return this.change(command, commandMetadata(actor, { resellerId, organizationId }), request.expectedVersions, currency);
  }

  async clear(request: ClearApprovalChainsRequest, at = new Date()): Promise<ApprovalChainsView> {
    const { actor, organizationId } = request;
    const { resellerId, currency } = await this.organizations.authorizeWithCurrency(actor, organizationId, CHAINS_WRITERS);
    const command: ApprovalChainsCommand = { type: 'ClearApprovalChains', data: { organizationId, resellerId }, actorId: actor.userId, at };
    return this.change(command, commandMetadata(actor, { resellerId, organizationId }), request.expectedVersions, currency);
  }

  private async change(command: ApprovalChainsCommand, metadata: EventMetadata, expectedVersions: readonly string[] | undefined, currency?: string): Promise<ApprovalChainsView> {
    const { organizationId } = command.data;
    if (expectedVersions === undefined) {
      const result = await handleCommand(this.store, approvalChainsStreamId(organizationId), approvalChainsDecider, command, { metadata, retries: 3 });
      return toApprovalChainsView(organizationId, result.newState, chainsVersion(result.nextExpectedRevision), currency);
    }
    const { state, revision } = await this.chains.loadWithRevision(organizationId);
    if (!expectedVersions.includes(chainsVersion(revision))) throw new ApprovalChainsVersionMismatchError();
    const events = approvalChainsDecider.decide(command, state);
    if (events.length === 0) return toApprovalChainsView(organizationId, state, chainsVersion(revision), currency);
    try {
      const appended = await this.store.appendToStream(
        approvalChainsStreamId(organizationId),
        events.map((event) => ({ id: randomUUID(), type: event.type, data: { ...event.data }, metadata: { ...metadata } })),
        revision ?? 'no_stream',
      );
      return toApprovalChainsView(organizationId, events.reduce(approvalChainsDecider.evolve, state), chainsVersion(appended.nextExpectedRevision), currency);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new ApprovalChainsVersionMismatchError();
      throw error;
    }
  }
}

function conditionInput(condition: SetApprovalChainsRequest['rules'][number]['condition']) {
  switch (condition.type) {
    case 'always':
      return { type: 'always' as const };
    case 'annual_value_above':
      return { type: 'annual_value_above' as const, amount: condition.amount ?? '' };
    case 'products':
      return { type: 'products' as const, productIds: [...(condition.productIds ?? [])] };
  }
}
