import type { RecordedEvent } from '@broker/event-sourcing';
import type { Projection } from '@broker/read-models';
import type { HolderChange, SubscriptionChange } from '@broker/contracts';
import type { BillingFactEvent, RecordedSubscriptionFacts } from '../recording/billing-events';

export interface BillingSubscriptionEntry {
  subscriptionId: string;
  productId: string;
  /** From the subscription's latest change. */
  productName: string;
  billingFrequency: 'monthly' | 'annual';
  currency: string | null;
  /** In the order recorded; the accrual orders them by their effective instant. */
  changes: (SubscriptionChange & { eventId: string; transactionId: string })[];
  holders: (HolderChange & { eventId: string })[];
}

/** Everything billing needs to charge one organization: its settings and every subscription's timeline. */
export interface OrganizationBillingDocument {
  organizationId: string;
  resellerId: string;
  /** False until the organization's creation is recorded (its subscriptions may be recorded first). */
  registered: boolean;
  name: string | null;
  nameChangedAt: string | null;
  createdAt: string | null;
  billingStartDate: string | null;
  billingStartDateChangedAt: string | null;
  /** By subscription id. */
  subscriptions: BillingSubscriptionEntry[];
}

export const ORGANIZATION_BILLING_EVENT_TYPES = [
  'OrganizationRegistered',
  'OrganizationRenamed',
  'BillingStartDateSet',
  'SubscriptionActivated',
  'SubscriptionQuantityChanged',
  'SubscriptionCancelled',
  'LicencesAssigned',
] as const;

const isLater = (at: string, than: string | null): boolean => than === null || Date.parse(at) >= Date.parse(than);

function emptyDocument(organizationId: string, resellerId: string): OrganizationBillingDocument {
  return { organizationId, resellerId, registered: false, name: null, nameChangedAt: null, createdAt: null, billingStartDate: null, billingStartDateChangedAt: null, subscriptions: [] };
}

function withSubscription(
  document: OrganizationBillingDocument,
  subscriptionId: string,
  change: (entry: BillingSubscriptionEntry | undefined) => BillingSubscriptionEntry,
): OrganizationBillingDocument {
  const index = document.subscriptions.findIndex((s) => s.subscriptionId === subscriptionId);
  const entry = change(index >= 0 ? document.subscriptions[index] : undefined);
  const subscriptions = [...document.subscriptions];
  if (index >= 0) subscriptions[index] = entry;
  else {
    subscriptions.push(entry);
    subscriptions.sort((a, b) => (a.subscriptionId < b.subscriptionId ? -1 : a.subscriptionId > b.subscriptionId ? 1 : 0));
  }
  return { ...document, subscriptions };
}

function applyChange(entry: BillingSubscriptionEntry | undefined, facts: RecordedSubscriptionFacts, kind: SubscriptionChange['kind'], eventId: string): BillingSubscriptionEntry {
  const base: BillingSubscriptionEntry = entry ?? {
    subscriptionId: facts.subscriptionId, productId: facts.productId, productName: facts.productName, billingFrequency: facts.billingFrequency,
    currency: facts.currency, changes: [], holders: [],
  };
  if (base.changes.some((c) => c.eventId === eventId)) return base;
  const latest = base.changes.every((c) => isLater(facts.effectiveAt, c.at));
  const change = {
    at: facts.effectiveAt, kind, quantity: facts.quantity, unitPrice: facts.unitPrice, unitCost: facts.unitCost, billingFrequency: facts.billingFrequency,
    eventId, transactionId: facts.transactionId, ...(facts.sequence === undefined ? {} : { sequence: facts.sequence }),
  };
  return {
    ...base,
    productId: facts.productId,
    ...(latest ? { productName: facts.productName, billingFrequency: facts.billingFrequency, currency: facts.currency } : {}),
    changes: [...base.changes, change],
  };
}

/**
 * One document per organization, built from billing's own facts. Idempotent per event (changes and holder changes
 * carry their event id) and independent of the order facts arrive in: settings keep the latest by time, the
 * accrual orders changes by their effective instant and holder changes by the subscription's revision.
 */
export const organizationBillingProjection: Projection<OrganizationBillingDocument> = {
  name: 'billing_organizations',
  version: 1,
  handles: ORGANIZATION_BILLING_EVENT_TYPES,
  indexes: { resellerId: 'string' },
  documentId: (event: RecordedEvent) => (typeof event.data.organizationId === 'string' ? event.data.organizationId : null),
  evolve(document, recorded) {
    const event = { type: recorded.type, data: recorded.data } as BillingFactEvent;
    if (!('organizationId' in event.data)) return document;
    const current = document ?? emptyDocument(event.data.organizationId, event.data.resellerId);
    switch (event.type) {
      case 'OrganizationRegistered': {
        const { name, billingStartDate, createdAt } = event.data;
        return {
          ...current,
          registered: true,
          createdAt,
          ...(isLater(createdAt, current.nameChangedAt) ? { name, nameChangedAt: createdAt } : {}),
          ...(isLater(createdAt, current.billingStartDateChangedAt) ? { billingStartDate, billingStartDateChangedAt: createdAt } : {}),
        };
      }
      case 'OrganizationRenamed':
        return isLater(event.data.changedAt, current.nameChangedAt) ? { ...current, name: event.data.name, nameChangedAt: event.data.changedAt } : current;
      case 'BillingStartDateSet':
        return isLater(event.data.changedAt, current.billingStartDateChangedAt)
          ? { ...current, billingStartDate: event.data.billingStartDate, billingStartDateChangedAt: event.data.changedAt }
          : current;
      case 'SubscriptionActivated':
      case 'SubscriptionQuantityChanged':
      case 'SubscriptionCancelled': {
        const kind = event.type === 'SubscriptionActivated' ? 'activated' : event.type === 'SubscriptionCancelled' ? 'cancelled' : 'changed';
        return withSubscription(current, event.data.subscriptionId, (entry) => applyChange(entry, event.data, kind, recorded.id));
      }
      case 'LicencesAssigned': {
        const { subscriptionId, productId, userIds, assignedAt, subscriptionRevision } = event.data;
        return withSubscription(current, subscriptionId, (entry) => {
          const base: BillingSubscriptionEntry = entry ?? { subscriptionId, productId, productName: '', billingFrequency: 'monthly', currency: null, changes: [], holders: [] };
          if (base.holders.some((h) => h.eventId === recorded.id)) return base;
          return { ...base, holders: [...base.holders, { at: assignedAt, revision: subscriptionRevision, userIds: [...userIds], eventId: recorded.id }] };
        });
      }
      default:
        return document;
    }
  },
};
