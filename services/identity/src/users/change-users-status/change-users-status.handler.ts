import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ActorDto, ChangeUsersStatusRequest, UserStatusChangeResult, UsersStatusChangeResults } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { LOGGER, OrganizationAccessClient } from '@broker/runtime';
import { ORGANIZATION_USER_WRITERS } from '../access/organization-access';
import { UserAccess } from '../access/user-access';
import { UserNotFoundError } from '../domain/user.errors';
import { UserCommands } from '../user-commands';

export type StatusChange = 'disable' | 'enable';

/** Users changed at the same time; enough to be quick, few enough to leave room for other requests. */
const CONCURRENCY = 8;

/**
 * Disables or enables many users of one organization. The actor's right to the organization is checked once
 * (a wrong organization or role fails the whole request); then each id is handled on its own: one that is missing,
 * of another organization or the actor's own fails alone, and never blocks the others.
 */
@Injectable()
export class ChangeUsersStatusHandler {
  constructor(
    private readonly organizations: OrganizationAccessClient,
    private readonly access: UserAccess,
    private readonly commands: UserCommands,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(request: ChangeUsersStatusRequest, change: StatusChange, at = new Date()): Promise<UsersStatusChangeResults> {
    const { actor, organizationId, userIds } = request;
    await this.organizations.authorize(actor, organizationId, ORGANIZATION_USER_WRITERS);
    const outcomes = new Map<string, Promise<UserStatusChangeResult>>();
    const unique = [...new Set(userIds)];
    let next = 0;
    const work = async (): Promise<void> => {
      while (next < unique.length) {
        const userId = unique[next++]!;
        const outcome = this.changeOne(actor, organizationId, userId, change, at);
        outcomes.set(userId, outcome);
        await outcome;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unique.length) }, work));
    return { results: await Promise.all(userIds.map((userId) => outcomes.get(userId)!)) };
  }

  private async changeOne(actor: ActorDto, organizationId: string, userId: string, change: StatusChange, at: Date): Promise<UserStatusChangeResult> {
    try {
      const user = await this.access.require(actor, organizationId, userId, 'write');
      await this.commands.execute(actor, user, { type: change === 'disable' ? 'DisableUser' : 'EnableUser', data: { userId }, actorId: actor.userId, at });
      return { userId, ok: true };
    } catch (error) {
      if (error instanceof UserNotFoundError) return { userId, ok: false, error: 'not found' };
      if (error instanceof DomainError) return { userId, ok: false, error: error.message };
      this.logger.error({ err: error, userId }, `Could not ${change} a user`);
      return { userId, ok: false, error: 'internal error' };
    }
  }
}
