import { createHash } from 'node:crypto';
import type { EventToAppend } from '@broker/event-sourcing';
import { addMonths, dateOfDay, daysInMonth, firstDayOfMonth, formatMonth, type YearMonth } from '@broker/contracts';
import { billingOrganizationStreamId, billingResellerStreamId, type BillingFactEvent } from '../recording/billing-events';

/**
 * A made-up but realistic billing history, written straight into billing's event store: load tests (the
 * benchmark) and rebuild tests. Deterministic for a seed.
 */
export interface SyntheticHistoryOptions {
  seed: string;
  organizations: number;
  subscriptionsPerOrganization: number;
  /** Months of history, ending with `lastMonth`. */
  months: number;
  lastMonth: YearMonth;
  usersPerOrganization?: number;
}

export interface StreamBatch {
  streamId: string;
  events: EventToAppend[];
}

/** A UUID-shaped id derived from the seed and a name (the same history always has the same ids). */
export function syntheticId(seed: string, name: string): string {
  const hex = createHash('sha256').update(`${seed}:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function generator(seed: string): () => number {
  let state = Number.parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) || 1;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

const PRODUCTS = [
  { name: 'Microsoft 365 E3', frequency: 'monthly', price: '10.50', cost: '8.00' },
  { name: 'Microsoft 365 Business Basic', frequency: 'monthly', price: '5.60', cost: '4.20' },
  { name: 'Backup 1 TB', frequency: 'annual', price: '119.99', cost: '80.00' },
  { name: 'Endpoint Security', frequency: 'monthly', price: '3.25', cost: '1.95' },
  { name: 'Project Plan 3', frequency: 'annual', price: '300.00', cost: '255.00' },
] as const;

/** The reseller's registration, then one batch per organization holding its whole history. */
export function syntheticHistory(resellerId: string, options: SyntheticHistoryOptions): StreamBatch[] {
  const next = generator(options.seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const firstMonth = addMonths(options.lastMonth, -(options.months - 1));
  const at = (month: YearMonth, day: number, hour: number) => `${dateOfDay(firstDayOfMonth(month) + Math.min(day, daysInMonth(month)) - 1)}T${String(hour).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00.000Z`;
  const id = (name: string) => syntheticId(options.seed, name);
  const event = (name: string, fact: BillingFactEvent): EventToAppend => ({
    id: id(name), type: fact.type, schemaVersion: 1, data: fact.data as unknown as Record<string, unknown>, metadata: { resellerId, sourceEventType: 'synthetic' },
  });

  const batches: StreamBatch[] = [{
    streamId: billingResellerStreamId(resellerId),
    events: [event(`reseller:${resellerId}`, { type: 'ResellerRegistered', data: { resellerId, name: `Reseller ${options.seed}`, currency: 'EUR', registeredAt: at(firstMonth, 1, 8) } })],
  }];
  for (let o = 0; o < options.organizations; o++) {
    const organizationId = id(`organization:${o}`);
    const events: EventToAppend[] = [
      event(`org:${o}`, {
        type: 'OrganizationRegistered',
        data: { organizationId, resellerId, name: `Organization ${String(o).padStart(3, '0')}`, billingStartDate: dateOfDay(firstDayOfMonth(firstMonth)), createdAt: at(firstMonth, 1, 7) },
      }),
    ];
    const users = Array.from({ length: options.usersPerOrganization ?? 8 }, (_, u) => id(`user:${o}:${u}`));
    users.forEach((userId, u) => events.push(event(`user-registered:${o}:${u}`, { type: 'OrganizationUserRegistered', data: { userId, username: `user${u}@org${o}.example`, organizationId, resellerId } })));
    for (let s = 0; s < options.subscriptionsPerOrganization; s++) {
      const product = PRODUCTS[s % PRODUCTS.length]!;
      const subscriptionId = id(`subscription:${o}:${s}`);
      const productId = id(`product:${s % PRODUCTS.length}`);
      let quantity = int(5, 40);
      let revision = 0;
      const facts = (month: YearMonth, day: number) => ({
        subscriptionId, resellerId, organizationId, productId, productName: product.name, billingFrequency: product.frequency, unitPrice: product.price, unitCost: product.cost,
        currency: 'EUR', quantity, effectiveAt: at(month, day, int(8, 17)), transactionId: id(`transaction:${o}:${s}:${revision}`),
      });
      // One subscription in five ends a few months before the history does.
      const cancelAt = s % 5 === 4 ? options.months - 1 - int(1, 4) : null;
      for (let m = 0; m < options.months; m++) {
        const month = addMonths(firstMonth, m);
        if (m === 0) {
          events.push(event(`activated:${o}:${s}`, { type: 'SubscriptionActivated', data: facts(month, int(1, 28)) }));
        } else if (m === cancelAt) {
          revision++;
          events.push(event(`cancelled:${o}:${s}`, { type: 'SubscriptionCancelled', data: facts(month, int(1, 28)) }));
          break;
        } else {
          quantity = Math.max(1, quantity + int(-3, 5));
          revision++;
          events.push(event(`changed:${o}:${s}:${m}`, { type: 'SubscriptionQuantityChanged', data: facts(month, int(1, 14)) }));
        }
        revision++;
        const holders = users.filter(() => next() < 0.5).slice(0, quantity);
        events.push(event(`assigned:${o}:${s}:${m}`, {
          type: 'LicencesAssigned',
          data: { subscriptionId, resellerId, organizationId, productId, userIds: holders, assignedAt: at(month, int(15, 28), 18), subscriptionRevision: revision },
        }));
      }
    }
    batches.push({ streamId: billingOrganizationStreamId(organizationId), events });
  }
  return batches;
}

export function describeHistory(options: SyntheticHistoryOptions): string {
  return `${options.organizations} organizations x ${options.subscriptionsPerOrganization} subscriptions x ${options.months} months up to ${formatMonth(options.lastMonth)}`;
}
