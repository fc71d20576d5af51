import { Injectable } from '@nestjs/common';
import type { SetAssignmentsRequest, VersionedSubscriptionView } from '@broker/contracts';
import { InvalidInputError, WrongExpectedRevisionError, type FieldMessage } from '@broker/event-sourcing';
import { commandMetadata } from '@broker/runtime';
import { nextHolders, type ExistingSubscription } from '../domain/subscription.decider';
import { SubscriptionCancelledError } from '../domain/subscription.errors';
import { ASSIGNMENT_WRITERS, SubscriptionAccess } from '../subscription-access';
import { SubscriptionRepository } from '../subscription.repository';
import { subscriptionVersion, SubscriptionVersionMismatchError } from '../subscription-version';
import { toSubscriptionView } from '../subscription.view';
import { OrganizationMembers, type MemberStatus } from './organization-members';

/**
 * Sets who holds the licences of a subscription ("set to": assign, unassign and move in one request). Never more
 * users than the quantity. Every user newly given a licence must be an active user of the organization, and every
 * user kept must still be a user of it, as identity answers at this moment. Answers the subscription from its stream.
 * With expected versions (If-Match) it checks and decides on the subscription at one of them and appends at exactly
 * that revision, so the version check and the write are one step.
 */
@Injectable()
export class SetAssignmentsHandler {
  constructor(
    private readonly access: SubscriptionAccess,
    private readonly subscriptions: SubscriptionRepository,
    private readonly members: OrganizationMembers,
  ) {}

  async execute(request: SetAssignmentsRequest, at = new Date()): Promise<VersionedSubscriptionView> {
    const { actor, organizationId, subscriptionId, expectedVersions } = request;
    const { state: current, revision } = await this.access.loadWithRevision(actor, organizationId, subscriptionId, ASSIGNMENT_WRITERS);
    if (expectedVersions !== undefined && !expectedVersions.includes(subscriptionVersion(revision))) throw new SubscriptionVersionMismatchError();
    if (current.status === 'cancelled') throw new SubscriptionCancelledError(subscriptionId);
    const wanted = [...new Set(request.userIds)];
    nextHolders(current, wanted); // refuses more users than the quantity before asking identity anything
    const statuses = await this.members.statuses(actor, organizationId, wanted);
    const errors = memberErrors(wanted, statuses, new Set(current.assignedUserIds));
    if (errors.length > 0) throw new InvalidInputError(errors);
    const { state, revision: after } = await this.subscriptions
      .executeAt(
        subscriptionId,
        { type: 'SetAssignments', data: { subscriptionId, userIds: wanted }, actorId: actor.userId, at },
        commandMetadata(actor, { resellerId: current.resellerId, organizationId }),
        expectedVersions === undefined ? undefined : revision,
      )
      .catch((error: unknown) => {
        throw error instanceof WrongExpectedRevisionError && expectedVersions !== undefined ? new SubscriptionVersionMismatchError() : error;
      });
    return { ...toSubscriptionView(state as ExistingSubscription), version: subscriptionVersion(after ?? revision) };
  }
}

export function memberErrors(userIds: readonly string[], statuses: ReadonlyMap<string, MemberStatus>, holders: ReadonlySet<string>): FieldMessage[] {
  const errors: FieldMessage[] = [];
  userIds.forEach((userId, i) => {
    const status = statuses.get(userId) ?? 'not_member';
    if (status === 'not_member') errors.push({ field: `userIds.${i}`, message: `User ${userId} is not a user of this organization` });
    else if (status === 'disabled' && !holders.has(userId)) errors.push({ field: `userIds.${i}`, message: `User ${userId} is disabled: only active users can be given a licence` });
  });
  return errors;
}
