import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ListOrganizationsRequest, OrganizationRpc, type OrganizationListItem, type Page } from '@broker/contracts';
import { projectionCollection, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE } from '@broker/runtime';
import { OrganizationForbiddenError } from '../domain/organization.errors';
import { usersCountOf } from '../user-counts/organization-user-counts.consumer';
import { organizationListProjection, type OrganizationListEntry } from '../organization-list/organization-list.projection';

/** The reseller admin's organizations, by name, each with its users count (joined from the consumer's collection). */
@Controller()
export class ListOrganizationsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @RpcHandler(OrganizationRpc.list)
  async list(@Payload() request: ListOrganizationsRequest): Promise<Page<OrganizationListItem>> {
    const { actor } = request;
    if (actor.role !== 'reseller_admin' || !actor.resellerId) throw new OrganizationForbiddenError('list organizations');
    const page = await this.documents.find<OrganizationListEntry>(projectionCollection(organizationListProjection), {
      where: { resellerId: actor.resellerId },
      sort: { field: 'nameKey', direction: 'asc' },
      limit: request.limit ?? 50,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    const items = await Promise.all(
      page.items.map(async ({ data }) => {
        const { nameKey: _nameKey, ...organization } = data;
        return { ...organization, usersCount: await usersCountOf(this.documents, organization.id) };
      }),
    );
    return { items, nextCursor: page.nextCursor };
  }
}
