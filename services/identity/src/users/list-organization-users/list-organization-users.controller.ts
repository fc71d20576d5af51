import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ListOrganizationUsersRequest, OrganizationUserRpc, type OrganizationUserListItem, type Page } from '@broker/contracts';
import { projectionCollection, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, OrganizationAccessClient } from '@broker/runtime';
import { ORGANIZATION_USER_READERS } from '../access/organization-access';
import { organizationUserListProjection, type OrganizationUserListEntry } from '../user-list/organization-user-list.projection';
import { servicesCountOf } from '../user-list/user-services-count';

/** The users list: a read model (it may lag a write by a moment), sorted by username. */
@Controller()
export class ListOrganizationUsersController {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly organizations: OrganizationAccessClient,
  ) {}

  @RpcHandler(OrganizationUserRpc.list)
  async list(@Payload() request: ListOrganizationUsersRequest): Promise<Page<OrganizationUserListItem>> {
    await this.organizations.authorize(request.actor, request.organizationId, ORGANIZATION_USER_READERS);
    const page = await this.documents.find<OrganizationUserListEntry>(projectionCollection(organizationUserListProjection), {
      where: { organizationId: request.organizationId },
      sort: { field: 'username', direction: 'asc' },
      limit: request.limit ?? 50,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    const items = await Promise.all(
      page.items.map(async ({ data }) => {
        const { id, username, firstName, lastName, email, role, status } = data;
        // Rows written before users carried a label have none (nor had their users: no rebuild is needed).
        const costCentre = data.costCentre ?? null;
        return { id, username, firstName, lastName, email, role, status, costCentre, servicesCount: await servicesCountOf(this.documents, id) };
      }),
    );
    return { items, nextCursor: page.nextCursor };
  }
}
