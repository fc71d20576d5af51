import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ActorDto, OutOfOfficeView, OwnOutOfOfficeRequest, SetOutOfOfficeRequest } from '@broker/contracts';
import { DomainError, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { ApproverRoles } from '../../approval-chains/change-approval-chains/approver-roles';
import { validateOutOfOffice, type DirectoryUser } from '../../approval-chains/domain/delegation';
import { outOfOfficeStreamId, type OutOfOfficeEvent } from '../domain/out-of-office.events';
import { OutOfOfficeRepository } from '../out-of-office.repository';

export class OutOfOfficeForbiddenError extends DomainError {
  constructor() {
    super('OUT_OF_OFFICE.FORBIDDEN', "Only an organization's admins and billing admins approve steps of its approval chains, and so delegate them");
  }
}

/** Who delegates: the approvers of organizations' chain steps (the reseller's step is any of its admins anyway). */
export function approverOrganization(actor: ActorDto): string {
  if ((actor.role !== 'org_admin' && actor.role !== 'org_billing_admin') || !actor.organizationId) throw new OutOfOfficeForbiddenError();
  return actor.organizationId;
}

/**
 * An approver's own out-of-office period: set (replacing the one before) or cleared. The delegate must be an active
 * user of the same organization holding at least the approver's role, asked of identity at this moment.
 */
@Injectable()
export class ChangeOutOfOfficeHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly periods: OutOfOfficeRepository,
    private readonly roles: ApproverRoles,
  ) {}

  async get(request: OwnOutOfOfficeRequest): Promise<OutOfOfficeView> {
    const organizationId = approverOrganization(request.actor);
    return this.view(request.actor.userId, organizationId);
  }

  async set(request: SetOutOfOfficeRequest, at = new Date()): Promise<OutOfOfficeView> {
    const { actor, from, to, delegateId } = request;
    const organizationId = approverOrganization(actor);
    const delegateRole = (await this.roles.of(actor, organizationId, [delegateId]))[delegateId];
    const directory: Record<string, DirectoryUser> = {
      [actor.userId]: { role: actor.role, resellerId: actor.resellerId, organizationId, active: true },
      ...(delegateRole ? { [delegateId]: { role: delegateRole, resellerId: actor.resellerId, organizationId, active: true } } : {}),
    };
    const period = { userId: actor.userId, from: new Date(from).toISOString(), to: new Date(to).toISOString(), delegateId };
    validateOutOfOffice(period, directory);
    await this.append(actor, organizationId, { type: 'OutOfOfficeSet', data: { organizationId, ...period, setAt: at.toISOString() } });
    return this.view(actor.userId, organizationId);
  }

  async clear(request: OwnOutOfOfficeRequest, at = new Date()): Promise<OutOfOfficeView> {
    const organizationId = approverOrganization(request.actor);
    const current = await this.view(request.actor.userId, organizationId);
    if (current.period) await this.append(request.actor, organizationId, { type: 'OutOfOfficeCleared', data: { organizationId, userId: request.actor.userId, clearedAt: at.toISOString() } });
    return { userId: request.actor.userId, period: null };
  }

  private async append(actor: ActorDto, organizationId: string, event: OutOfOfficeEvent): Promise<void> {
    const metadata = commandMetadata(actor, { resellerId: actor.resellerId, organizationId });
    await this.store.appendToStream(outOfOfficeStreamId(organizationId), [{ id: randomUUID(), type: event.type, data: { ...event.data }, metadata }], 'any');
  }

  private async view(userId: string, organizationId: string): Promise<OutOfOfficeView> {
    const period = (await this.periods.periodsOf(organizationId)).find((p) => p.userId === userId);
    return { userId, period: period ? { from: period.from, to: period.to, delegateId: period.delegateId } : null };
  }
}
