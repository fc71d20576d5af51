import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ActivityRpc, ListActivityRequest, type ActivityEntryView, type Page } from '@broker/contracts';
import { RpcHandler } from '@broker/messaging';
import type { DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE } from '@broker/runtime';
import { Directory } from '../../directory/directory';
import { ACTIVITY_LOG, toActivityView, type ActivityEntry } from '../activity-entry';
import { activityFilterFor } from './activity-access';

/** An activity log, newest first, filtered by actor, action, target and time (a read model: it follows the events by a moment). */
@Controller()
export class ListActivityController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @RpcHandler(ActivityRpc.list)
  async list(@Payload() request: ListActivityRequest): Promise<Page<ActivityEntryView>> {
    const { actor, scope, tenantId } = request;
    const resellerOf = scope === 'organization' && tenantId ? ((await new Directory(this.documents).organization(tenantId))?.resellerId ?? null) : null;
    const tenant = activityFilterFor(actor, scope, tenantId, resellerOf);
    const where: Record<string, string> = { ...tenant };
    if (request.actorId) where.actorId = request.actorId;
    if (request.action) where.action = request.action;
    if (request.targetId) where.targetId = request.targetId;
    const from = request.from ? new Date(request.from).toISOString() : undefined;
    const to = request.to ? new Date(request.to).toISOString() : undefined;
    const page = await this.documents.find<ActivityEntry>(ACTIVITY_LOG.name, {
      where,
      ...(from || to ? { range: { field: 'at', ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
      sort: { field: 'at', direction: 'desc' },
      limit: request.limit ?? 50,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    return { items: page.items.map((item) => toActivityView(item.data)), nextCursor: page.nextCursor };
  }
}
