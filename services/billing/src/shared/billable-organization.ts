import type { BillableOrganization } from '@broker/contracts';
import type { OrganizationBillingDocument } from '../projections/organization-billing.projection';

/** The projection document as the accrual rules see it. */
export function billableOrganization(document: OrganizationBillingDocument): BillableOrganization {
  return { billingStartDate: document.billingStartDate, subscriptions: document.subscriptions };
}

/** The organization's currency: its reseller's, else that of its subscriptions. */
export function currencyOf(document: OrganizationBillingDocument, resellerCurrency: string | null): string | null {
  return resellerCurrency ?? document.subscriptions.find((s) => s.currency)?.currency ?? null;
}
