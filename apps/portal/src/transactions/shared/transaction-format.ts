import type { components } from '../../api/schema.gen';

type Transaction = components['schemas']['TransactionResponse'];
type HistoryEntry = components['schemas']['TransactionHistoryEntryResponse'];

export const TRANSACTION_KINDS: Record<Transaction['type'], string> = {
  order: 'New order',
  change: 'Quantity change',
  cancel: 'Cancellation',
};

export const STATUS_LABELS: Record<Transaction['status'], string> = {
  pending_approval: 'Pending approval',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

// Filled badges: white text on dark shades, dark text on yellow (the badges set autoContrast), all above 4.5:1.
export const STATUS_COLORS: Record<Transaction['status'], string> = {
  pending_approval: 'yellow.4',
  approved: 'teal.9',
  rejected: 'red.9',
  withdrawn: 'gray.7',
};

export const HISTORY_LABELS: Record<HistoryEntry['type'], string> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  step_reached: 'Waiting for an approval step',
  step_approved: 'Approval step approved',
  step_rejected: 'Approval step rejected',
  step_reminded: 'Approvers reminded',
  step_escalated: 'Escalated: no decision in time',
};

/** The quantity as the request changes it: `5` for an order, `3 → 5` for a change or cancellation. */
export function quantityChange(t: Pick<Transaction, 'type' | 'quantity' | 'previousQuantity'>): string {
  return t.type === 'order' ? String(t.quantity) : `${t.previousQuantity} → ${t.quantity}`;
}

/** `2026-03-16T09:05:00.000Z` -> `2026-03-16 09:05 UTC`, as the e-mails write it. */
export function formatInstant(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)} UTC`;
}

export function formatMoney(amount: string, currency: string | null | undefined): string {
  return currency ? `${amount} ${currency}` : amount;
}

/** Why the request needed approval or not, from the policy recorded with it. */
export function policyText(entry: Pick<HistoryEntry, 'appliedPolicy' | 'policy'>, currency: string): string {
  switch (entry.appliedPolicy) {
    case 'reseller_staff':
      return 'Requested by the reseller: no approval needed';
    case 'dynamic_limit':
      return `Dynamic Approval: annual limit ${formatMoney(entry.policy.dynamicApproval.annualLimit, currency)}`;
    case 'approval_required':
      return 'Approval Process: every request needs approval';
    case 'none':
      return 'No approval needed';
  }
}

/** The request in a sentence: "withdraw the order of …". */
export const PRODUCT_REQUEST: Record<Transaction['type'], string> = {
  order: 'order',
  change: 'quantity change',
  cancel: 'cancellation',
};
