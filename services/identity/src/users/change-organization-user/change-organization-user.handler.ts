import { Injectable } from '@nestjs/common';
import type { ChangeOrganizationUserRequest } from '@broker/contracts';
import { UserAccess } from '../access/user-access';
import type { UserDetailsChange } from '../domain/user.decider';
import { toUserDetailsView, type UserDetailsView } from '../register-user/user.view';
import { UserCommands } from '../user-commands';

/** Edits first name, last name, contact e-mail, role (an organization role only) and cost centre; unchanged fields record nothing. */
@Injectable()
export class ChangeOrganizationUserHandler {
  constructor(
    private readonly access: UserAccess,
    private readonly commands: UserCommands,
  ) {}

  async execute(request: ChangeOrganizationUserRequest, at = new Date()): Promise<UserDetailsView> {
    const { actor, organizationId, userId } = request;
    const user = await this.access.require(actor, organizationId, userId, 'write');
    const change: UserDetailsChange = {};
    if (request.firstName !== undefined) change.firstName = request.firstName;
    if (request.lastName !== undefined) change.lastName = request.lastName;
    if (request.email !== undefined) change.email = request.email;
    if (request.role !== undefined) change.role = request.role;
    if (request.costCentre !== undefined) change.costCentre = request.costCentre;
    const state = await this.commands.execute(actor, user, { type: 'ChangeUserDetails', data: { userId, ...change }, actorId: actor.userId, at });
    return toUserDetailsView(state);
  }
}
