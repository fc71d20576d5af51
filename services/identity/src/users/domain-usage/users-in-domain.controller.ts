import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainUsageRpc, UsersInDomainRequest, type UsersInDomain } from '@broker/contracts';
import { OrganizationGate } from '../access/organization-gate';
import { DomainMembership } from '../domain-membership/domain-membership';

/**
 * The organizations service asks, when a domain is removed, how many of the organization's (non-deleted) users
 * have a username in it. Answered from the write side, so a user created a moment ago counts.
 */
@Controller()
export class UsersInDomainController {
  constructor(
    private readonly gate: OrganizationGate,
    private readonly domains: DomainMembership,
  ) {}

  @MessagePattern(DomainUsageRpc.usersInDomain)
  async count(@Payload() request: UsersInDomainRequest): Promise<UsersInDomain> {
    await this.gate.requireRead(request.actor, request.organizationId);
    return { count: await this.domains.count(request.organizationId, request.domain) };
  }
}
