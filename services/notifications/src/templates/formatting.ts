import type { TransactionFactsV1 } from '@broker/contracts';

/** `2026-03-16T09:05:00.000Z` -> `2026-03-16 09:05 UTC`; anything unreadable is shown as given. */
export function formatInstant(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)} UTC`;
}

/** Money as it travels (a decimal string with the decimals of its currency) with the currency: `1260.00 EUR`, `1260 JPY`. */
export function formatMoney(amount: string, currency: string): string {
  return `${amount} ${currency}`;
}

/** One header line: no control characters or line breaks, runs of white space as one space, bounded length. */
export function headerLine(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

type TransactionShape = Pick<TransactionFactsV1, 'transactionType' | 'productName' | 'quantity' | 'previousQuantity'>;

/** `order of 5 × Backup`, `change of Backup from 3 to 5`, `cancellation of Backup`. */
export function describeTransaction(t: TransactionShape): string {
  switch (t.transactionType) {
    case 'order':
      return `order of ${t.quantity} × ${t.productName}`;
    case 'change':
      return `change of ${t.productName} from ${t.previousQuantity} to ${t.quantity}`;
    case 'cancel':
      return `cancellation of ${t.productName}`;
  }
}

export function transactionKind(t: Pick<TransactionFactsV1, 'transactionType'>): string {
  switch (t.transactionType) {
    case 'order':
      return 'New order';
    case 'change':
      return 'Quantity change';
    case 'cancel':
      return 'Cancellation';
  }
}

/** The quantity as the request changes it: `5`, `3 → 5`, `3 → 0`. */
export function quantityChange(t: Pick<TransactionFactsV1, 'transactionType' | 'quantity' | 'previousQuantity'>): string {
  return t.transactionType === 'order' ? String(t.quantity) : `${t.previousQuantity} → ${t.quantity}`;
}

/** `Quinn Tester (quinn@contoso.example)`; just the login name when the person has no name on record. */
export function personLabel(person: { name: string; username: string }): string {
  return person.name.trim() ? `${person.name.trim()} (${person.username})` : person.username;
}

/** A portal link: the public URL without its trailing slash, then path segments, each encoded. */
export function portalLink(publicUrl: string, ...segments: string[]): string {
  return `${publicUrl.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
}
