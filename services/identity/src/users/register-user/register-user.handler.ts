import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Role } from '@broker/contracts';
import { handleCommand, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { EVENT_STORE, LOGGER } from '@broker/runtime';
import { CredentialStore } from '../../passwords/credential-store';
import { PasswordHasher } from '../../passwords/password-hasher';
import { PasswordRules } from '../../passwords/password-rules';
import { InternetDomainMembership, internetDomainOf } from '../internet-domain-membership/internet-domain-membership';
import { userDecider, type NewUser } from '../domain/user.decider';
import { userStreamId } from '../domain/user.events';
import { UsernameTakenError, UserValidationError, type FieldMessage } from '../domain/user.errors';
import { UserRepository } from '../user.repository';
import { AbandonedRegistrations } from './abandoned-registrations';
import { toUserDetailsView, type UserDetailsView } from './user.view';

export interface Registration extends NewUser {
  /** Absent: the user gets no credential and cannot log in until an admin sets a password (CSV import). */
  password?: string;
}

/** Rules that depend on where the user is created (an organization's domains and roles). */
export interface RegistrationRules {
  /**
   * Lower-case domains the username must use; omitted: any domain. When given (users of an organization), a name
   * held outside the registration's organization answers exactly as a name outside these domains, so that nobody
   * learns from it which usernames exist elsewhere on the platform.
   */
  allowedDomains?: readonly string[];
  /** Roles the user may have; omitted: any. */
  allowedRoles?: readonly Role[];
}

const USERNAME = /^[^\s@]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/**
 * Registers a user: checks the username and password policy, claims the username platform-wide (a stream whose
 * claim appends at its current revision), stores the password hash, then records the user. Each step is safe to
 * repeat with the same user id, so a retried request finishes what a failed one started. When a step after the
 * claim fails, the request gives the claim back (AbandonedRegistrations); when the process dies instead, the
 * next registration of the name does so once the claim is past its deadline.
 *
 * For the CSV import: `check(registration, rules)` validates one user (every broken rule at once, as
 * UserValidationError with `details.errors`; USER.DUPLICATE_USERNAME for a name held in the same organization, or
 * anywhere for users outside organizations) and `register(...)` checks
 * and creates it.
 */
@Injectable()
export class RegisterUserHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly users: UserRepository,
    private readonly credentials: CredentialStore,
    private readonly hasher: PasswordHasher,
    private readonly passwords: PasswordRules,
    private readonly domains: InternetDomainMembership,
    private readonly abandoned: AbandonedRegistrations,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Everything that can be known before writing: the answer is the same as `register` would give. */
  async check(registration: Registration, rules: RegistrationRules = {}, at = new Date()): Promise<void> {
    const errors = this.fieldErrors(registration, rules);
    const usernameValid = !errors.some((e) => e.field === 'username');
    const holder = usernameValid ? await this.users.blockingHolderOf(registration.username, at) : null;
    if (holder !== null && holder !== registration.userId) {
      if (!(await this.heldInOrganization(holder, registration, rules))) errors.push(notAvailable(rules));
      else if (errors.length === 0) throw new UsernameTakenError(registration.username);
    }
    if (errors.length > 0) throw new UserValidationError(errors);
  }

  /**
   * Whether a registration in an organization would be told the name exists: only when its holder is a user of
   * the same organization. Outside organizations (rules without domains) any holder counts.
   */
  async isTakenInOrganization(registration: Registration, rules: RegistrationRules = {}, at = new Date()): Promise<boolean> {
    const holder = await this.users.blockingHolderOf(registration.username, at);
    return holder !== null && holder !== registration.userId && (await this.heldInOrganization(holder, registration, rules));
  }

  async register(registration: Registration, actorId: string, metadata: EventMetadata, at = new Date(), rules: RegistrationRules = {}): Promise<UserDetailsView> {
    await this.check(registration, rules, at);
    const { password, ...user } = registration;
    const username = user.username.toLowerCase();
    const forsaken = await this.users.forsakenClaimOf(username, at);
    if (forsaken !== null && forsaken.userId !== user.userId) await this.abandoned.abandon(forsaken, actorId, at);
    try {
      await this.users.claimUsername(username, user.userId, metadata, at, user.organizationId);
    } catch (error) {
      if (error instanceof UsernameTakenError) await this.check(registration, rules, at); // the answer for whoever won
      throw error;
    }
    try {
      if (password !== undefined) await this.credentials.set(user.userId, await this.hasher.hash(password), at);
      if (user.organizationId !== null) await this.domains.add(user.organizationId, username, user.userId, metadata);
      const result = await handleCommand(this.store, userStreamId(user.userId), userDecider, { type: 'RegisterUser', data: { ...user, username }, actorId, at }, { metadata });
      return toUserDetailsView(result.newState);
    } catch (error) {
      await this.abandoned.abandon({ username, userId: user.userId, organizationId: user.organizationId }, actorId, at).catch((undoError: unknown) => {
        this.logger.warn({ err: undoError, userId: user.userId }, 'Could not undo a failed registration; the next registration of the name will');
      });
      throw error;
    }
  }

  private async heldInOrganization(holderId: string, registration: Registration, rules: RegistrationRules): Promise<boolean> {
    if (!rules.allowedDomains) return true;
    const holder = await this.users.load(holderId);
    // A registration still in progress is known by the organization its claim names.
    const organizationId = 'organizationId' in holder ? holder.organizationId : (await this.users.claimOf(registration.username)).organizationId;
    return organizationId !== null && organizationId !== undefined && organizationId === registration.organizationId;
  }

  private fieldErrors(registration: Registration, rules: RegistrationRules): FieldMessage[] {
    const errors: FieldMessage[] = [];
    if (!USERNAME.test(registration.username)) {
      errors.push({ field: 'username', message: 'username must look like name@domain.example' });
    } else if (rules.allowedDomains && !rules.allowedDomains.includes(internetDomainOf(registration.username))) {
      errors.push(notAvailable(rules));
    }
    if (rules.allowedRoles && !rules.allowedRoles.includes(registration.role)) {
      errors.push({ field: 'role', message: `role must be one of ${rules.allowedRoles.join(', ')}` });
    }
    if (registration.password !== undefined) errors.push(...this.passwords.violations(registration.password, registration));
    return errors;
  }
}

/** One answer for a name outside the organization's domains and for one held outside the organization. */
function notAvailable(rules: RegistrationRules): FieldMessage {
  return { field: 'username', message: `username must use one of the organization's domains and be free outside the organization: ${(rules.allowedDomains ?? []).join(', ')}` };
}

export function registrationOf(request: { userId: string; username: string; firstName: string; lastName: string; email: string; role: Role; resellerId: string | null; organizationId: string | null; password: string }): Registration {
  const { userId, username, firstName, lastName, email, role, resellerId, organizationId, password } = request;
  return { userId, username, firstName, lastName, email, role, resellerId: resellerId ?? null, organizationId: organizationId ?? null, password };
}
