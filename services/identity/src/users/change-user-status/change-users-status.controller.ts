import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChangeUsersStatusRequest, OrganizationUserRpc, type UsersStatusChangeResults } from '@broker/contracts';
import { ChangeUsersStatusHandler } from './change-users-status.handler';

@Controller()
export class ChangeUsersStatusController {
  constructor(private readonly handler: ChangeUsersStatusHandler) {}

  @MessagePattern(OrganizationUserRpc.disable)
  disable(@Payload() request: ChangeUsersStatusRequest): Promise<UsersStatusChangeResults> {
    return this.handler.execute(request, 'disable');
  }

  @MessagePattern(OrganizationUserRpc.enable)
  enable(@Payload() request: ChangeUsersStatusRequest): Promise<UsersStatusChangeResults> {
    return this.handler.execute(request, 'enable');
  }
}
