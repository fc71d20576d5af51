import { organizationReaders } from '@broker/contracts';
import type { OrganizationRule } from '@broker/runtime';
import { CatalogForbiddenError } from '../products/domain/product.errors';

export const STORE_READERS: OrganizationRule = {
  roles: organizationReaders('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin', 'org_user'),
  forbidden: () => new CatalogForbiddenError('read the e-store'),
};

export const STORE_CURATORS: OrganizationRule = { roles: ['reseller_admin'], forbidden: () => new CatalogForbiddenError('curate the e-store') };
