import { formatAmount, type ActorDto, type ResellerSummary, type ResellerSummaryItem, compareMonths, dateOfDay, dayFromDate, formatMonth, lastDayOfMonth, monthOfDay, parseMonth, type Day, monthTotals } from '@broker/contracts';
import { billableOrganization, currencyOf } from '../shared/billable-organization';
import { SUMMARY_READERS } from '../shared/billing-access';
import { BillingForbiddenError, BillingResellerNotFoundError } from '../shared/billing.errors';
import type { BillingReader } from '../shared/billing-read-model';

export interface SummaryQuery {
  actor: ActorDto;
  month?: string;
  resellerId?: string;
}

/** Amounts with the decimals of the reseller's currency. */
const money = (revenue: bigint, cost: bigint, currency: string | null) => ({
  revenue: formatAmount(revenue, currency),
  cost: formatAmount(cost, currency),
  margin: formatAmount(revenue - cost, currency),
});

/**
 * A reseller's month: revenue (sell prices), cost (cost prices, same accrual) and margin per organization, with
 * totals. Each organization's revenue is the total of its own report for that month (from its billing start date);
 * organizations whose billing starts after the month are left out, and a month after the current one is empty.
 */
export async function queryResellerSummary(reader: BillingReader, query: SummaryQuery, today: Day): Promise<ResellerSummary> {
  const { actor } = query;
  if (!SUMMARY_READERS.includes(actor.role)) throw new BillingForbiddenError('read the reseller summary');
  const resellerId = query.resellerId ?? actor.resellerId;
  if (!resellerId || resellerId !== actor.resellerId) throw new BillingResellerNotFoundError(query.resellerId ?? 'of this user');
  const monthText = query.month ?? formatMonth(monthOfDay(today));
  const month = parseMonth(monthText);

  const reseller = await reader.reseller(resellerId);
  const organizations = compareMonths(month, monthOfDay(today)) > 0 ? [] : await reader.organizationsOf(resellerId);
  const currency = reseller?.currency ?? (organizations.length > 0 ? currencyOf(organizations[0]!, null) : null);
  const items: ResellerSummaryItem[] = [];
  let [revenue, cost] = [0n, 0n];
  for (const organization of organizations) {
    if (!organization.registered) continue;
    if (organization.billingStartDate !== null && dayFromDate(organization.billingStartDate) > lastDayOfMonth(month)) continue;
    const totals = monthTotals(billableOrganization(organization), month, today);
    revenue += totals.revenueCents;
    cost += totals.costCents;
    items.push({ organizationId: organization.organizationId, organizationName: organization.name ?? '', ...money(totals.revenueCents, totals.costCents, currency) });
  }
  items.sort((a, b) => (a.organizationName === b.organizationName ? (a.organizationId < b.organizationId ? -1 : 1) : a.organizationName < b.organizationName ? -1 : 1));
  return { resellerId, currency, month: monthText, asOf: dateOfDay(today), items, totals: money(revenue, cost, currency) };
}
