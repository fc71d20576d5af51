import { Injectable } from '@nestjs/common';
import { AuthRpc } from '@broker/contracts';
import { actorAssertionExpiresAt, RpcClient } from '@broker/messaging';
import { currentContext } from '@broker/platform';

/** Renewed when less than this is left: a service checks it on arrival, and makes its nested calls soon after. */
const RENEW_BEFORE_MS = 30_000;

/**
 * A request that outlives its actor assertion (a user import may run for 15 minutes) gets a new one before its next
 * call: identity verifies the access token again (so a user disabled meanwhile stops there) and signs a new assertion.
 */
@Injectable()
export class ActorAssertionRenewal {
  constructor(private readonly rpc: RpcClient) {}

  async renewIfExpiring(authorization: string | undefined): Promise<void> {
    const context = currentContext();
    if (!context?.actorAssertion) return;
    const expiresAt = actorAssertionExpiresAt(context.actorAssertion);
    if (expiresAt !== null && expiresAt - Date.now() > RENEW_BEFORE_MS) return;
    const accessToken = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!accessToken) return;
    const user = await this.rpc.call(AuthRpc.verifyToken, { accessToken });
    context.actorAssertion = user.actorAssertion;
  }
}
