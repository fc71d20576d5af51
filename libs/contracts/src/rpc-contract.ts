/**
 * One request-reply message: the NATS subject it travels on (without the deployment prefix), the error codes its
 * handler may answer and, as types only, the request it carries and the response it answers with. The client call
 * and the handler decorator both take the contract, so the compiler checks each side against it; the two type
 * fields never hold a value.
 */
export interface RpcContract<TRequest, TResponse> {
  readonly subject: string;
  /**
   * The codes the handler may answer besides IMPLICIT_RPC_ERRORS (`USER.NOT_FOUND`, ...), each mapped to an HTTP
   * status by the gateway's rules. A handler answering another code breaks the contract (docs/adr/0029).
   */
  readonly errors: readonly string[];
  /** Type only: never set. */
  readonly requestType?: TRequest;
  /** Type only: never set. */
  readonly responseType?: TResponse;
}

/** An RPC whose request and response types are not known here (the client and the decorator take any contract). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRpcContract = RpcContract<any, any>;

export type RpcRequestOf<C> = C extends RpcContract<infer TRequest, unknown> ? TRequest : never;
export type RpcResponseOf<C> = C extends RpcContract<unknown, infer TResponse> ? TResponse : never;

/**
 * What every RPC may answer, so no contract lists them: invalid input, an unexpected failure, no service answering,
 * a store briefly away, and a refused actor assertion (checked before any handler runs).
 */
export const IMPLICIT_RPC_ERRORS: readonly string[] = Object.freeze([
  'VALIDATION',
  'INTERNAL',
  'RPC.UNAVAILABLE',
  'STORE.UNAVAILABLE',
  'ACTOR.UNAUTHENTICATED',
  'ACTOR.FORBIDDEN',
]);

export interface RpcOptions {
  /** The codes the handler may answer besides IMPLICIT_RPC_ERRORS. */
  errors?: readonly string[];
}

/** `login: rpc<LoginRequest, TokenResponse>('identity.auth.login', { errors: ['AUTH.UNAUTHENTICATED'] })`. */
export function rpc<TRequest, TResponse>(subject: string, options: RpcOptions = {}): RpcContract<TRequest, TResponse> {
  return Object.freeze({ subject, errors: Object.freeze([...(options.errors ?? [])]) });
}

/** Whether the contract lets its handler answer `code` (declared or implicit). */
export function declaresError(contract: AnyRpcContract, code: string): boolean {
  return IMPLICIT_RPC_ERRORS.includes(code) || contract.errors.includes(code);
}

/** The request of an RPC that takes nothing: callers send `{}`. */
export type NoPayload = Record<string, never>;
