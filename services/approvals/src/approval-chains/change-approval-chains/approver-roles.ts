import { Injectable } from '@nestjs/common';
import { OrganizationUserRpc, type ActorDto, type Role } from '@broker/contracts';
import { RpcCallError, RpcClient } from '@broker/messaging';

/** Identity calls in flight at once for one configuration. */
const PARALLEL = 10;

/**
 * The roles of the named users who are active users of the organization now, asked of identity as the actor. A user
 * identity does not find under the organization (missing, deleted, another organization's) or a disabled one is left
 * out, so the configuration names them as no user of the organization.
 */
@Injectable()
export class ApproverRoles {
  constructor(private readonly rpc: RpcClient) {}

  async of(actor: ActorDto, organizationId: string, userIds: readonly string[]): Promise<Record<string, Role>> {
    const roles: Record<string, Role> = {};
    const unique = [...new Set(userIds)];
    for (let i = 0; i < unique.length; i += PARALLEL) {
      await Promise.all(
        unique.slice(i, i + PARALLEL).map(async (userId) => {
          const user = await this.userOf(actor, organizationId, userId);
          if (user && user.organizationId === organizationId && user.status === 'active') roles[userId] = user.role;
        }),
      );
    }
    return roles;
  }

  private async userOf(actor: ActorDto, organizationId: string, userId: string) {
    try {
      return await this.rpc.call(OrganizationUserRpc.get, { actor, organizationId, userId });
    } catch (error) {
      if (error instanceof RpcCallError && error.status === 404) return null;
      throw error;
    }
  }
}
