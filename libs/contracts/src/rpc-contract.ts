/**
 * One request-reply message: the NATS subject it travels on (without the deployment prefix) and, as types only,
 * the request it carries and the response it answers with. The client call and the handler decorator both take
 * the contract, so the compiler checks each side against it; the two type fields never hold a value.
 */
export interface RpcContract<TRequest, TResponse> {
  readonly subject: string;
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

/** `login: rpc<LoginRequest, TokenResponse>('identity.auth.login')`. */
export function rpc<TRequest, TResponse>(subject: string): RpcContract<TRequest, TResponse> {
  return Object.freeze({ subject });
}

/** The request of an RPC that takes nothing: callers send `{}`. */
export type NoPayload = Record<string, never>;
