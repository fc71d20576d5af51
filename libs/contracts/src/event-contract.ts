/**
 * One integration event: its versioned type string and, as a type only, the payload (`data`) it carries. The
 * publishing mapper and the consuming handlers both take the contract, so the compiler checks each side against
 * it; the type field never holds a value.
 */
export interface EventContract<TData> {
  readonly type: string;
  /** Type only: never set. */
  readonly dataType?: TData;
}

export type EventDataOf<C> = C extends EventContract<infer TData> ? TData : never;

/** `organizationCreated: event<OrganizationCreatedV1>('organizations.organization-created.v1')`. */
export function event<TData>(type: string): EventContract<TData> {
  return Object.freeze({ type });
}
