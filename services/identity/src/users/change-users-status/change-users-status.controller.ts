import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ChangeUsersStatusRequest, OrganizationUserRpc, type UsersStatusChangeResults } from '@broker/contracts';
import { ChangeUsersStatusHandler } from './change-users-status.handler';

@Controller()
export class ChangeUsersStatusController {
  constructor(private readonly handler: ChangeUsersStatusHandler) {}

  @RpcHandler(OrganizationUserRpc.disable)
  disable(@Payload() request: ChangeUsersStatusRequest): Promise<UsersStatusChangeResults> {
    return this.handler.execute(request, 'disable');
  }

  @RpcHandler(OrganizationUserRpc.enable)
  enable(@Payload() request: ChangeUsersStatusRequest): Promise<UsersStatusChangeResults> {
    return this.handler.execute(request, 'enable');
  }
}
