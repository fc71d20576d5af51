import type { AnyRpcContract, RpcContract } from '@broker/contracts';
import { SetMetadata } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RpcMethod<TRequest, TResponse> = (payload: TRequest, ...rest: any[]) => TResponse | Promise<TResponse>;

/** Metadata key under which the handler method keeps its contract (read by RpcContractErrorsInterceptor). */
export const RPC_CONTRACT_METADATA = 'broker:rpc-contract';

/**
 * The method answers the contract's subject. Typed so that the method must take the contract's request as its
 * first argument (`@Payload()`) and return its response, or a promise of it: a mismatch does not compile.
 * The method keeps its contract, so the error codes it answers are checked against it at run time.
 * The only place that uses Nest's MessagePattern (lint forbids it elsewhere).
 */
export function RpcHandler<TRequest, TResponse>(contract: RpcContract<TRequest, TResponse>) {
  const pattern = MessagePattern(contract.subject);
  const keep = SetMetadata(RPC_CONTRACT_METADATA, contract);
  // Generic in the method: a property descriptor is invariant in its type, the method only has to fit the contract.
  return <M extends RpcMethod<TRequest, TResponse>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    pattern(target, key, descriptor);
    keep(target, key, descriptor);
  };
}

/** The contract a handler method was decorated with, if any. */
export function rpcContractOf(handler: object): AnyRpcContract | undefined {
  return Reflect.getMetadata(RPC_CONTRACT_METADATA, handler) as AnyRpcContract | undefined;
}
