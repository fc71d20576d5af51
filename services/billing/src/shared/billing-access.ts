import { organizationReaders, type Role } from '@broker/contracts';
import type { OrganizationRule } from '@broker/runtime';
import { BillingForbiddenError } from './billing.errors';

export const REPORT_READERS: readonly Role[] = organizationReaders('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin');
export const DETAILS_READERS: OrganizationRule = {
  roles: organizationReaders('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin'),
  forbidden: () => new BillingForbiddenError('read billing details'),
};
export const DETAILS_WRITERS: OrganizationRule = {
  roles: ['reseller_admin', 'org_admin', 'org_billing_admin'],
  forbidden: () => new BillingForbiddenError('change billing details'),
};
export const SUMMARY_READERS: readonly Role[] = ['reseller_admin'];
