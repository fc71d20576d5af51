import type { components } from '../../api/schema.gen';

export type WebhookDelivery = components['schemas']['WebhookDeliveryResponse'];
export type DeliveryStatus = WebhookDelivery['status'];

/** A delivery's status in words (the badge does not speak by colour alone). */
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
  paused: 'Paused (endpoint disabled)',
};

/** The badge's colour: white text on shade 9, dark text on yellow (above 4.5:1 either way). */
export const DELIVERY_STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'yellow.4', delivered: 'teal.9', failed: 'red.9', paused: 'gray.7' };

/** The last answer of the endpoint: its HTTP status, or a dash when none came (not tried yet, or no connection). */
export function responseCodeText(code: number | null): string {
  return code === null ? '—' : String(code);
}

/** The time in the reader's locale (and time zone), e.g. `16 Mar 2026, 09:05:00`; a dash for none. */
export function localTime(iso: string | null, locale?: string, timeZone?: string): string {
  if (iso === null) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** A delivery may be sent again once it is final (delivered or failed); a pending or paused one goes out anyway. */
export function mayRedeliver(delivery: Pick<WebhookDelivery, 'status'>): boolean {
  return delivery.status === 'delivered' || delivery.status === 'failed';
}
