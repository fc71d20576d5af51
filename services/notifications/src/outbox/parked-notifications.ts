import { DocumentVersionConflictError, type DocumentReader, type DocumentStore, type FindResult } from '@broker/read-models';
import { NOTIFICATIONS, type NotificationDocument, type NotificationStatus } from './notification';

/** E-mails in one state, counted page by page up to `upTo` (a queue deeper than that reads as `upTo`). */
export async function countNotifications(reader: DocumentReader, status: NotificationStatus, upTo = Number.POSITIVE_INFINITY): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await reader.find<NotificationDocument>(NOTIFICATIONS.name, { where: { status }, limit: 500, ...(cursor ? { cursor } : {}) });
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && count < upTo);
  return Math.min(count, upTo);
}

/** E-mails parked after their last attempt (pages through them; they should be few). */
export function countParkedNotifications(reader: DocumentReader): Promise<number> {
  return countNotifications(reader, 'parked');
}

/** One page of parked e-mails, in id order (keyset paging on the store's cursor). */
export function findParkedNotifications(reader: DocumentReader, limit: number, cursor?: string): Promise<FindResult<NotificationDocument>> {
  return reader.find<NotificationDocument>(NOTIFICATIONS.name, { where: { status: 'parked' }, limit, ...(cursor ? { cursor } : {}) });
}

export type RequeueNotificationResult =
  | { outcome: 'requeued'; document: NotificationDocument }
  | { outcome: 'not_found' }
  | { outcome: 'not_parked'; status: NotificationDocument['status'] };

/**
 * Puts a parked e-mail back in the queue, due now, with a fresh budget of attempts: `parked` -> `queued` by
 * compare-and-set on the document version, so of two requeues at once one wins and the other finds it queued. The
 * sender then claims it like any queued e-mail (ADR 8): same Message-ID, sent once.
 */
export async function requeueParkedNotification(store: DocumentStore, notificationId: string, now: number): Promise<RequeueNotificationResult> {
  const current = await store.get<NotificationDocument>(NOTIFICATIONS.name, notificationId);
  if (!current) return { outcome: 'not_found' };
  if (current.data.status !== 'parked') return { outcome: 'not_parked', status: current.data.status };
  const requeued: NotificationDocument = {
    ...current.data,
    status: 'queued',
    nextAttemptAt: now,
    attempts: 0,
    attemptsBeforeRequeues: (current.data.attemptsBeforeRequeues ?? 0) + current.data.attempts,
    requeues: (current.data.requeues ?? 0) + 1,
    requeuedAt: new Date(now).toISOString(),
    parkedAt: null,
  };
  try {
    await store.upsert<NotificationDocument>(NOTIFICATIONS.name, notificationId, requeued, current.version);
  } catch (error) {
    if (!(error instanceof DocumentVersionConflictError)) throw error;
    const after = await store.get<NotificationDocument>(NOTIFICATIONS.name, notificationId);
    return after ? { outcome: 'not_parked', status: after.data.status } : { outcome: 'not_found' };
  }
  return { outcome: 'requeued', document: requeued };
}
