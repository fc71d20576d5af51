import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { CheckNewUserRequest, CreateUserRequest, UserRpc, type UserView } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { commandMetadata } from '@broker/runtime';
import { mayCreateUser } from './may-create-user';
import { RegisterUserHandler, registrationOf } from './register-user.handler';

@Controller()
export class RegisterUserController {
  constructor(private readonly handler: RegisterUserHandler) {}

  @RpcHandler(UserRpc.checkNew)
  async checkNew(@Payload() request: CheckNewUserRequest): Promise<{ ok: true }> {
    this.authorize(request);
    await this.handler.check(registrationOf(request));
    return { ok: true };
  }

  @RpcHandler(UserRpc.create)
  async create(@Payload() request: CreateUserRequest): Promise<UserView> {
    this.authorize(request);
    const metadata = commandMetadata(request.actor, { resellerId: request.resellerId, organizationId: request.organizationId });
    // Platform and reseller staff carry no cost centre: their view has none.
    const { costCentre: _none, ...user } = await this.handler.register(registrationOf(request), request.actor.userId, metadata);
    return user;
  }

  private authorize(request: CreateUserRequest): void {
    if (!mayCreateUser(request.actor, { role: request.role, resellerId: request.resellerId ?? null, organizationId: request.organizationId ?? null })) {
      throw new DomainError('USER.FORBIDDEN', 'You may not create this user');
    }
  }
}
