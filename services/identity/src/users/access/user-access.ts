import { Injectable } from '@nestjs/common';
import type { ActorDto } from '@broker/contracts';
import { isExistingUser, type ExistingUser } from '../domain/user.decider';
import { UserForbiddenError, UserNotFoundError } from '../domain/user.errors';
import { UserRepository } from '../user.repository';
import { userAccess } from './organization-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in bulk requests are not validated up front (a malformed one is just not found). */
export const isUuid = (id: string): boolean => UUID.test(id);

/** Loads a user for an actor from the user's stream, applying the tenant and role rules of organization-access. */
@Injectable()
export class UserAccess {
  constructor(private readonly users: UserRepository) {}

  /** The user, or USER.NOT_FOUND (missing, deleted, another tenant) or USER.FORBIDDEN (this role may not). */
  async require(actor: ActorDto, organizationId: string, userId: string, needed: 'read' | 'write'): Promise<ExistingUser> {
    const state = isUuid(userId) ? await this.users.load(userId) : null;
    const user = state && isExistingUser(state) ? state : null;
    switch (userAccess(actor, organizationId, userId, user, needed)) {
      case 'allowed':
        return user!;
      case 'forbidden':
        throw new UserForbiddenError(needed === 'write' ? 'Your role may not change this user' : 'Your role may not read this user');
      case 'not_found':
        throw new UserNotFoundError(userId);
    }
  }
}
