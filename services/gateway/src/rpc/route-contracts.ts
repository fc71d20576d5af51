import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { Logger } from 'pino';
import { AuthRpc, SupportAccessRpc, type AnyRpcContract } from '@broker/contracts';
import { ROUTE_CONTRACTS_METADATA } from '../openapi/answers.decorator';

/** The route being served and the contracts it declared with @Answers(). */
interface RouteContracts {
  route: string;
  subjects: ReadonlySet<string>;
}

const current = new AsyncLocalStorage<RouteContracts>();

/**
 * Called around routes by the gateway's own machinery rather than by a route: the access token check and the record
 * of a support read. Their refusals (401, 403, 404) are documented for every route already.
 */
const MACHINERY_SUBJECTS: ReadonlySet<string> = new Set([AuthRpc.verifyToken.subject, SupportAccessRpc.record.subject]);

/** Runs each route's handler in the context of the contracts it declared. */
export class RouteContractsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const handler = context.getHandler();
    const contracts = (Reflect.getMetadata(ROUTE_CONTRACTS_METADATA, handler) as AnyRpcContract[] | undefined) ?? [];
    const store: RouteContracts = { route: `${context.getClass().name}.${handler.name}`, subjects: new Set(contracts.map((contract) => contract.subject)) };
    // The handler runs when the answer is subscribed to, so the context is entered there.
    return new Observable((subscriber) => current.run(store, () => next.handle().subscribe(subscriber)));
  }
}

/**
 * The RpcClient's check before each call: a call the current route did not declare is logged at error level and, in
 * strict mode (RPC_STRICT_ERRORS=1, set by the test kit), refused, so the test that made it fails. Calls outside a
 * route (start-up, guards) are not checked.
 */
export function routeContractsCheck(logger: Logger, strict: boolean): (contract: AnyRpcContract) => void {
  return (contract) => {
    const route = current.getStore();
    if (!route || route.subjects.has(contract.subject) || MACHINERY_SUBJECTS.has(contract.subject)) return;
    logger.error({ route: route.route, rpc: contract.subject }, 'Route contract violation: the route calls a contract its @Answers() does not name');
    if (strict) throw new Error(`${route.route} calls ${contract.subject}, which its @Answers() does not name`);
  };
}
