import type { RpcContract } from '@broker/contracts';
import { MessagePattern } from '@nestjs/microservices';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RpcMethod<TRequest, TResponse> = (payload: TRequest, ...rest: any[]) => TResponse | Promise<TResponse>;

/**
 * The method answers the contract's subject. Typed so that the method must take the contract's request as its
 * first argument (`@Payload()`) and return its response, or a promise of it: a mismatch does not compile.
 * The only place that uses Nest's MessagePattern (lint forbids it elsewhere).
 */
export function RpcHandler<TRequest, TResponse>(contract: RpcContract<TRequest, TResponse>) {
  const pattern = MessagePattern(contract.subject);
  // Generic in the method: a property descriptor is invariant in its type, the method only has to fit the contract.
  return <M extends RpcMethod<TRequest, TResponse>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    pattern(target, key, descriptor);
  };
}
