/** Integration events published by the organizations service. */
export const OrganizationsEventTypes = {
  resellerCreated: 'organizations.reseller-created.v1',
} as const;

export interface ResellerCreatedV1 {
  resellerId: string;
  name: string;
  currency: string;
  notificationEmail: string;
  supportEmail: string;
  createdAt: string;
}
