import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ChangeOrganizationUserRequest, OrganizationUserRpc, type OrganizationUserView } from '@broker/contracts';
import type { DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE } from '@broker/runtime';
import { servicesCountOf } from '../user-list/user-services-count';
import { ChangeOrganizationUserHandler } from './change-organization-user.handler';

@Controller()
export class ChangeOrganizationUserController {
  constructor(
    private readonly handler: ChangeOrganizationUserHandler,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  @RpcHandler(OrganizationUserRpc.change)
  async change(@Payload() request: ChangeOrganizationUserRequest): Promise<OrganizationUserView> {
    const user = await this.handler.execute(request);
    return { ...user, servicesCount: await servicesCountOf(this.documents, user.id) };
  }
}
