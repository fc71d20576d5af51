import { Injectable } from '@nestjs/common';
import type { ActorDto, OrganizationUserRequest } from '@broker/contracts';
import { commandMetadata } from '@broker/runtime';
import { CredentialStore } from '../../passwords/credential-store';
import { userAccess } from '../access/organization-access';
import { isUuid, UserAccess } from '../access/user-access';
import { InternetDomainMembership } from '../internet-domain-membership/internet-domain-membership';
import type { NewUser } from '../domain/user.decider';
import { UserNotFoundError } from '../domain/user.errors';
import { UserCommands } from '../user-commands';
import { UserRepository } from '../user.repository';

/**
 * Deletes a user: records UserDeleted (its tokens stop working at once), then frees what it held: the username
 * (a release event in the claim stream, so a later user may take the name), its place in the domain count and its
 * password hash. A repeated delete of a deleted user finishes any of those steps a failed one left undone, then
 * answers 404 like any deleted user.
 */
@Injectable()
export class DeleteOrganizationUserHandler {
  constructor(
    private readonly access: UserAccess,
    private readonly users: UserRepository,
    private readonly commands: UserCommands,
    private readonly domains: InternetDomainMembership,
    private readonly credentials: CredentialStore,
  ) {}

  async execute(request: OrganizationUserRequest, at = new Date()): Promise<void> {
    const { actor, organizationId, userId } = request;
    const state = isUuid(userId) ? await this.users.load(userId) : null;
    if (state?.status === 'deleted' && userAccess(actor, organizationId, userId, state, 'write') === 'allowed') {
      await this.freeWhatItHeld(actor, state, at);
      throw new UserNotFoundError(userId);
    }
    const user = await this.access.require(actor, organizationId, userId, 'write');
    await this.commands.execute(actor, user, { type: 'DeleteUser', data: { userId }, actorId: actor.userId, at });
    await this.freeWhatItHeld(actor, user, at);
  }

  private async freeWhatItHeld(actor: ActorDto, user: NewUser, at: Date): Promise<void> {
    const metadata = commandMetadata(actor, user);
    await this.users.releaseUsername(user.username, user.userId, metadata, at);
    if (user.organizationId !== null) await this.domains.remove(user.organizationId, user.username, user.userId, metadata);
    await this.credentials.remove(user.userId);
  }
}
