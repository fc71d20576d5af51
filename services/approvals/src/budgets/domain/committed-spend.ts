import { monthTotals, type AccrualSubscription, type BillableOrganization, type SubscriptionChange } from '@broker/contracts';
import type { BudgetPeriod } from './budget-period';

/** A subscription as budgets see it: billing's accrual input and the cost centre it is labelled with. */
export interface BudgetSubscription extends AccrualSubscription {
  costCentre: string | null;
}

/**
 * What the subscriptions will cost over the whole period, past days and days to come, as billing will charge it: each
 * month's product lines by billing's own accrual (per day, rounded half-up once per line), summed over the months.
 * Subscriptions run on as they stand; a cancellation ends them.
 */
export function committedSpendCents(subscriptions: readonly AccrualSubscription[], period: BudgetPeriod): bigint {
  const organization: BillableOrganization = { billingStartDate: null, subscriptions };
  // "Today" at the period's last day bills every month of the period to its end.
  return period.months.reduce((sum, month) => sum + monthTotals(organization, month, period.to).revenueCents, 0n);
}

/** An order, quantity change or cancellation as it would take effect: its change, on a new or existing subscription. */
export interface ProposedChange {
  subscriptionId: string;
  productId: string;
  productName: string;
  costCentre: string | null;
  currency?: string | null;
  change: SubscriptionChange;
}

/** The subscriptions once the proposed change applies: appended to its subscription, or a new one for an order. */
export function withProposal(subscriptions: readonly BudgetSubscription[], proposal: ProposedChange): BudgetSubscription[] {
  const known = subscriptions.some((s) => s.subscriptionId === proposal.subscriptionId);
  if (known) return subscriptions.map((s) => (s.subscriptionId === proposal.subscriptionId ? { ...s, changes: [...s.changes, proposal.change] } : s));
  const { subscriptionId, productId, productName, costCentre, change } = proposal;
  return [...subscriptions, { subscriptionId, productId, productName, costCentre, changes: [change], holders: [], currency: proposal.currency ?? null }];
}
