import type { DocumentReader } from '@broker/read-models';
import { NOTIFICATIONS, type NotificationDocument } from './notification';

/** E-mails parked after their last attempt (pages through them; they should be few). */
export async function countParkedNotifications(reader: DocumentReader): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await reader.find<NotificationDocument>(NOTIFICATIONS.name, { where: { status: 'parked' }, limit: 500, ...(cursor ? { cursor } : {}) });
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return count;
}
