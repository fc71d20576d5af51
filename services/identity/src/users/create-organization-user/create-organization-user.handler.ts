import { Injectable } from '@nestjs/common';
import { ORGANIZATION_ROLES, type ActorDto, type OrganizationLookup, type Role } from '@broker/contracts';
import { commandMetadata, OrganizationAccessClient } from '@broker/runtime';
import { ORGANIZATION_USER_WRITERS } from '../access/organization-access';
import { RegisterUserHandler, type Registration, type RegistrationRules } from '../register-user/register-user.handler';
import type { UserDetailsView } from '../register-user/user.view';

/** The organization as it is at the moment of the request, and who is adding users to it. */
export interface OrganizationUserContext {
  actor: ActorDto;
  organization: OrganizationLookup;
}

export interface NewOrganizationUser {
  userId: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  /** Absent, null or blank: none. */
  costCentre?: string | null;
  /** Absent: no credential until an admin sets a password (CSV import). */
  password?: string;
}

/**
 * Creates users of an organization. `prepare` asks the organizations service for the organization now (so a user
 * created right after its organization finds it) and checks that the actor may add users to it; `create` then
 * validates one user (organization role, username in one of the organization's domains, password policy: every
 * broken rule at once) and registers it. The CSV import prepares once and creates row by row.
 */
@Injectable()
export class CreateOrganizationUserHandler {
  constructor(
    private readonly organizations: OrganizationAccessClient,
    private readonly register: RegisterUserHandler,
  ) {}

  async prepare(actor: ActorDto, organizationId: string): Promise<OrganizationUserContext> {
    const organization = await this.organizations.check(actor, organizationId, ORGANIZATION_USER_WRITERS);
    return { actor, organization };
  }

  /** Validates without writing: the same answer `create` would give. */
  check(context: OrganizationUserContext, user: NewOrganizationUser): Promise<void> {
    return this.register.check(registrationIn(context, user), registrationRulesOf(context.organization));
  }

  /** Whether a user of this organization holds the username (users elsewhere are never named: see RegistrationRules). */
  isTakenInOrganization(context: OrganizationUserContext, user: NewOrganizationUser): Promise<boolean> {
    return this.register.isTakenInOrganization(registrationIn(context, user), registrationRulesOf(context.organization));
  }

  create(context: OrganizationUserContext, user: NewOrganizationUser, at = new Date()): Promise<UserDetailsView> {
    const { actor, organization } = context;
    const metadata = commandMetadata(actor, { resellerId: organization.resellerId, organizationId: organization.organizationId });
    return this.register.register(registrationIn(context, user), actor.userId, metadata, at, registrationRulesOf(organization));
  }
}

export function registrationRulesOf(organization: OrganizationLookup): RegistrationRules {
  return { allowedDomains: organization.domains.map((d) => d.toLowerCase()), allowedRoles: ORGANIZATION_ROLES };
}

function registrationIn(context: OrganizationUserContext, user: NewOrganizationUser): Registration {
  const { userId, username, firstName, lastName, email, role, costCentre, password } = user;
  return { userId, username, firstName, lastName, email, role, costCentre, password, resellerId: context.organization.resellerId, organizationId: context.organization.organizationId };
}
