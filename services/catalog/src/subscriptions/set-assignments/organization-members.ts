import { Injectable } from '@nestjs/common';
import { OrganizationUserRpc, type ActorDto } from '@broker/contracts';
import { RpcCallError, RpcClient } from '@broker/messaging';

export type MemberStatus = 'active' | 'disabled' | 'not_member';

/** Identity calls in flight at once for one request. */
const PARALLEL = 16;

/**
 * Asks identity, at this moment and as the actor, whether each user is a user of the organization and active.
 * A user identity does not find under the organization (missing, deleted, another organization's) is `not_member`.
 */
@Injectable()
export class OrganizationMembers {
  constructor(private readonly rpc: RpcClient) {}

  async statuses(actor: ActorDto, organizationId: string, userIds: readonly string[]): Promise<Map<string, MemberStatus>> {
    const result = new Map<string, MemberStatus>();
    for (let i = 0; i < userIds.length; i += PARALLEL) {
      const batch = userIds.slice(i, i + PARALLEL);
      const statuses = await Promise.all(batch.map((userId) => this.statusOf(actor, organizationId, userId)));
      batch.forEach((userId, j) => result.set(userId, statuses[j]!));
    }
    return result;
  }

  private async statusOf(actor: ActorDto, organizationId: string, userId: string): Promise<MemberStatus> {
    try {
      const user = await this.rpc.call(OrganizationUserRpc.get, { actor, organizationId, userId });
      return user.organizationId === organizationId ? user.status : 'not_member';
    } catch (error) {
      if (error instanceof RpcCallError && error.status === 404) return 'not_member';
      throw error;
    }
  }
}
