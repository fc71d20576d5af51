import type { KeyObject } from 'node:crypto';
import type { AnyRpcContract, RpcRequestOf, RpcResponseOf } from '@broker/contracts';
import { RpcClient, signActorAssertion, type RpcClientOptions, type RpcRequestOptions } from '@broker/messaging';
import { currentContext, newCorrelationId, runWithContext } from '@broker/platform';

/**
 * An RPC client for tests of the services' own checks (bypassing the gateway): it signs an actor assertion for the
 * `actor` of each request with identity's key, as the gateway's requests carry one, so the service gets as far as
 * its role and tenant checks.
 */
export class TrustedRpcClient extends RpcClient {
  constructor(
    options: RpcClientOptions,
    private readonly actorAssertionKey: KeyObject,
  ) {
    super(options);
  }

  override call<C extends AnyRpcContract>(contract: C, payload: RpcRequestOf<C>, options: RpcRequestOptions = {}): Promise<RpcResponseOf<C>> {
    const actor = (payload as { actor?: { userId: string; role: string; resellerId?: string | null; organizationId?: string | null } } | undefined)?.actor;
    if (!actor || typeof actor !== 'object') return super.call(contract, payload, options);
    const context = { ...(currentContext() ?? { correlationId: newCorrelationId() }), actorAssertion: signActorAssertion(actor, this.actorAssertionKey, 60) };
    return runWithContext(context, () => super.call(contract, payload, options));
  }
}
