import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ListSupportAccessesRequest, SupportAccessRpc, type Page, type SupportAccessView } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { OrganizationRepository } from '../../organizations/organization.repository';
import { supportAccessStreamId, type SupportAccessEvent } from '../domain/support-access.events';
import { InvalidSupportAccessCursorError } from '../domain/support-access.errors';

/**
 * An organization's support accesses in the order they were recorded, read from its log (never from a read model),
 * so an access is listed as soon as the read it allowed was answered. The cursor is the revision to go on from.
 */
@Controller()
export class ListSupportAccessesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organizations: OrganizationRepository,
  ) {}

  @RpcHandler(SupportAccessRpc.list)
  async list(@Payload() request: ListSupportAccessesRequest): Promise<Page<SupportAccessView>> {
    const { actor, organizationId } = request;
    await this.organizations.loadFor(actor, organizationId, 'readSupportAccesses');
    const limit = request.limit ?? 50;
    const from = request.cursor === undefined ? 0n : parseCursor(request.cursor);
    // One more than asked tells whether another page follows.
    const events = await this.store.readStream(supportAccessStreamId(organizationId), { fromRevision: from, maxCount: limit + 1 });
    const page = events.slice(0, limit);
    const next = events.length > limit ? events[limit]! : null;
    return {
      items: page.map((e) => toView(e.data as SupportAccessEvent['data'])),
      nextCursor: next ? next.revision.toString() : null,
    };
  }
}

function parseCursor(cursor: string): bigint {
  if (!/^\d{1,18}$/.test(cursor)) throw new InvalidSupportAccessCursorError();
  return BigInt(cursor);
}

function toView(data: SupportAccessEvent['data']): SupportAccessView {
  const { supportAccessId, organizationId, accessedBy, method, route, correlationId, accessedAt } = data;
  return { id: supportAccessId, organizationId, accessedBy, method, route, correlationId, accessedAt };
}
