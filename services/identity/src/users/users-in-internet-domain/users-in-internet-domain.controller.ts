import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { InternetDomainUsageRpc, UsersInInternetDomainRequest, type UsersInInternetDomain } from '@broker/contracts';
import { OrganizationAccessClient } from '@broker/runtime';
import { ORGANIZATION_USER_READERS } from '../access/organization-access';
import { InternetDomainMembership } from '../internet-domain-membership/internet-domain-membership';
import { AbandonedRegistrations } from '../register-user/abandoned-registrations';
import { UserRepository } from '../user.repository';

/**
 * The organizations service asks, when a domain is removed, how many of the organization's (non-deleted) users
 * have a username in it. Answered from the write side, so a user created a moment ago counts. A registration that
 * died between its claim and its user is not a user: past the claim deadline it is given up here, so it does not
 * keep the domain for ever (one still in progress counts).
 */
@Controller()
export class UsersInInternetDomainController {
  constructor(
    private readonly organizations: OrganizationAccessClient,
    private readonly domains: InternetDomainMembership,
    private readonly users: UserRepository,
    private readonly abandoned: AbandonedRegistrations,
  ) {}

  @RpcHandler(InternetDomainUsageRpc.usersInInternetDomain)
  async count(@Payload() request: UsersInInternetDomainRequest): Promise<UsersInInternetDomain> {
    await this.organizations.authorize(request.actor, request.organizationId, ORGANIZATION_USER_READERS);
    const at = new Date();
    let count = 0;
    for (const [userId, username] of await this.domains.members(request.organizationId, request.domain)) {
      if (await this.isUser(userId, username, request.organizationId, request.actor.userId, at)) count++;
    }
    return { count };
  }

  private async isUser(userId: string, username: string | undefined, organizationId: string, actorId: string, at: Date): Promise<boolean> {
    const state = await this.users.load(userId);
    if (state.status === 'abandoned') return false;
    if (state.status !== 'none' || username === undefined) return true;
    const forsaken = await this.users.forsakenClaimOf(username, at);
    if (forsaken?.userId !== userId) return true;
    return this.abandoned.abandon({ ...forsaken, organizationId }, actorId, at).then((undone) => !undone);
  }
}
