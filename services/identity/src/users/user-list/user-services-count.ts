import type { CollectionDefinition, DocumentReader } from '@broker/read-models';

/**
 * How many services (licences) are assigned to each user: the `servicesCount` of the users list. Fed by the catalog's
 * `catalog.licences-assigned.v1` events (licence-assignments.consumer.ts): one document per user holding the
 * subscriptions whose licences the user holds.
 */
export const USER_SERVICES_COUNT: CollectionDefinition = { name: 'user_services_count', indexes: { organizationId: 'string' } };

export interface UserServicesCount {
  userId: string;
  organizationId: string;
  servicesCount: number;
  /** The subscriptions whose licences the user holds; `servicesCount` is their number. */
  subscriptionIds?: string[];
}

export async function servicesCountOf(documents: DocumentReader, userId: string): Promise<number> {
  const doc = await documents.get<UserServicesCount>(USER_SERVICES_COUNT.name, userId);
  return doc?.data.servicesCount ?? 0;
}
