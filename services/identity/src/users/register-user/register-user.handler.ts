import { Inject, Injectable } from '@nestjs/common';
import { nameBasedId, type Role, type UserView } from '@broker/contracts';
import { DomainError, handleCommand, WrongExpectedRevisionError, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { EVENT_STORE, SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../../identity.config';
import { CredentialStore } from '../../passwords/credential-store';
import { isCommonPassword } from '../../passwords/common-passwords';
import { checkPassword } from '../../passwords/domain/password-policy';
import { PasswordHasher } from '../../passwords/password-hasher';
import { userDecider, type NewUser } from '../domain/user.decider';
import { userStreamId } from '../domain/user.events';
import { UsernameTakenError } from '../domain/user.errors';
import { usernameClaimStreamId, UserRepository } from '../user-repository/user-repository';
import { toUserView } from './user.view';

export interface Registration extends NewUser {
  password: string;
}

const USERNAME = /^[^\s@]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/**
 * Registers a user: checks the username and password policy, claims the username platform-wide (a stream that can
 * be created once), stores the password hash, then records the user. Each step is safe to repeat with the same
 * user id, so a retried request finishes what a failed one started.
 */
@Injectable()
export class RegisterUserHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    private readonly users: UserRepository,
    private readonly credentials: CredentialStore,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Everything that can be known before writing: the answer is the same as `register` would give. */
  async check(registration: Registration): Promise<void> {
    const errors: { field: string; message: string }[] = [];
    if (!USERNAME.test(registration.username)) errors.push({ field: 'username', message: 'username must look like name@domain.example' });
    for (const violation of checkPassword(registration.password, registration, { policy: this.config.PASSWORD_POLICY, isCommon: isCommonPassword })) {
      errors.push({ field: 'password', message: violation.message });
    }
    if (errors.length > 0) throw new DomainError('VALIDATION', 'The user is not valid', { errors });
    const holder = await this.users.userIdOf(registration.username);
    if (holder !== null && holder !== registration.userId) throw new UsernameTakenError(registration.username);
  }

  async register(registration: Registration, actorId: string, metadata: EventMetadata, at = new Date()): Promise<UserView> {
    await this.check(registration);
    const { password, ...user } = registration;
    const username = user.username.toLowerCase();
    await this.claimUsername(username, user.userId, metadata, at);
    await this.credentials.set(user.userId, await this.hasher.hash(password), at);
    const result = await handleCommand(this.store, userStreamId(user.userId), userDecider, { type: 'RegisterUser', data: { ...user, username }, actorId, at }, { metadata });
    return toUserView(result.newState);
  }

  private async claimUsername(username: string, userId: string, metadata: EventMetadata, at: Date): Promise<void> {
    try {
      await this.store.appendToStream(
        usernameClaimStreamId(username),
        [{ id: nameBasedId(`username-claim:${userId}`), type: 'UsernameClaimed', data: { username, userId, claimedAt: at.toISOString() }, metadata }],
        'no_stream',
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      throw new UsernameTakenError(username);
    }
  }
}

export function registrationOf(request: { userId: string; username: string; firstName: string; lastName: string; email: string; role: Role; resellerId: string | null; organizationId: string | null; password: string }): Registration {
  const { userId, username, firstName, lastName, email, role, resellerId, organizationId, password } = request;
  return { userId, username, firstName, lastName, email, role, resellerId: resellerId ?? null, organizationId: organizationId ?? null, password };
}
