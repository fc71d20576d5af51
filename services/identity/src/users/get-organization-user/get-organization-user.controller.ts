import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { OrganizationUserRequest, OrganizationUserRpc, type OrganizationUserView } from '@broker/contracts';
import type { DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE } from '@broker/runtime';
import { UserAccess } from '../access/user-access';
import { toUserDetailsView } from '../register-user/user.view';
import { servicesCountOf } from '../user-list/user-services-count';

/** One user, read from its stream so a read right after a write sees it. */
@Controller()
export class GetOrganizationUserController {
  constructor(
    private readonly access: UserAccess,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  @RpcHandler(OrganizationUserRpc.get)
  async get(@Payload() request: OrganizationUserRequest): Promise<OrganizationUserView> {
    const user = await this.access.require(request.actor, request.organizationId, request.userId, 'read');
    return { ...toUserDetailsView(user), servicesCount: await servicesCountOf(this.documents, user.userId) };
  }
}
