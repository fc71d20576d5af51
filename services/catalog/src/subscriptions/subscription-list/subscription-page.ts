import { amountIn, type Page, type SubscriptionView } from '@broker/contracts';
import type { SubscriptionListEntry } from './subscription-list.projection';

export function toListItem(entry: SubscriptionListEntry): SubscriptionView {
  const { resellerId: _resellerId, ...view } = entry;
  return { ...view, price: amountIn(view.price, view.currency), assignedUserIds: [...view.assignedUserIds] };
}

const OFFSET_CURSOR = /^held:(\d{1,9})$/;

/**
 * One page of the subscriptions a user holds a licence of, from all of the organization's (in list order). The
 * cursor is the offset into that filtered list; an unreadable cursor starts from the beginning.
 */
export function pageOfHeld(entries: readonly SubscriptionListEntry[], userId: string, limit: number, cursor?: string): Page<SubscriptionView> {
  const held = entries.filter((entry) => entry.assignedUserIds.includes(userId));
  const offset = Number(OFFSET_CURSOR.exec(cursor ?? '')?.[1] ?? 0);
  const items = held.slice(offset, offset + limit).map(toListItem);
  const next = offset + limit;
  return { items, nextCursor: next < held.length ? `held:${next}` : null };
}
