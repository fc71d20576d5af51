import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { AnyRpcContract } from '@broker/contracts';

/** Metadata key of the contracts a route calls (read by RouteContractsInterceptor). */
export const ROUTE_CONTRACTS_METADATA = 'broker:route-contracts';

/**
 * Vendor extension that @Answers() puts on an operation: the error codes of the route's contracts, for
 * documentContractErrors to document. Removed from the published document, which names the codes in `x-error-codes`
 * and in the answers' descriptions instead.
 */
export const ANSWERS_EXTENSION = 'x-broker-answers';

/** Codes the gateway itself answers on a route (the Idempotency-Key's), marked by the step that documents them. */
export const GATEWAY_CODES_EXTENSION = 'x-broker-gateway-codes';

/**
 * The RPC contracts the route calls: their error codes are documented as the answers they map to (409, 412, 422...),
 * and under the test kit a call to a contract the route does not name fails (docs/adr/0029). Every route names its
 * contracts, even when there are none (`@Answers()`).
 */
export function Answers(...contracts: AnyRpcContract[]): MethodDecorator {
  const codes = [...new Set(contracts.flatMap((contract) => contract.errors))];
  return applyDecorators(SetMetadata(ROUTE_CONTRACTS_METADATA, contracts), ApiExtension(ANSWERS_EXTENSION, codes));
}
