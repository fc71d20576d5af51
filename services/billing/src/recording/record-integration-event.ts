import {
  CatalogEvents,
  IdentityEvents,
  OrganizationsEvents,
  type EventContract,
  type IntegrationEventEnvelope,
  type SubscriptionFactsV1,
} from '@broker/contracts';
import type { EventToAppend } from '@broker/event-sourcing';
import { on, type EventHandlerBinding } from '@broker/messaging';
import { billingOrganizationStreamId, billingResellerStreamId, type BillingFactEvent, type RecordedSubscriptionFacts } from './billing-events';

export interface Recording {
  streamId: string;
  event: EventToAppend;
}

interface Fact {
  streamId: string;
  event: BillingFactEvent;
}

/** How billing records one integration event: the fact it keeps of the payload, or null for nothing. */
export interface RecordedEvent<TData> {
  readonly contract: EventContract<TData>;
  recordingOf(envelope: IntegrationEventEnvelope<TData>): Recording | null;
  /** The consumer's handler: records the event through `append`. */
  handler(append: (recording: Recording) => Promise<void>): EventHandlerBinding<TData>;
}

/**
 * The fact's id is the envelope's id, so recording the same message again appends nothing. The fact keeps where it
 * came from (source type, time, correlation) in its metadata.
 */
function recorded<TData>(contract: EventContract<TData>, factOf: (data: NoInfer<TData>) => Fact | null): RecordedEvent<TData> {
  const recordingOf = (envelope: IntegrationEventEnvelope<TData>): Recording | null => {
    const fact = factOf(envelope.data);
    if (!fact) return null;
    const { event, streamId } = fact;
    return {
      streamId,
      event: {
        id: envelope.id,
        type: event.type,
        schemaVersion: 1,
        data: event.data as unknown as Record<string, unknown>,
        metadata: {
          correlationId: envelope.correlationId,
          causationId: envelope.id,
          resellerId: envelope.resellerId ?? undefined,
          organizationId: envelope.organizationId ?? undefined,
          sourceEventType: envelope.type,
          occurredAt: envelope.occurredAt,
        },
      },
    };
  };
  return {
    contract,
    recordingOf,
    handler: (append) =>
      on(contract, async (envelope) => {
        const recording = recordingOf(envelope);
        if (recording) await append(recording);
      }),
  };
}

const subscriptionFacts = (d: SubscriptionFactsV1): RecordedSubscriptionFacts => ({
  subscriptionId: d.subscriptionId, resellerId: d.resellerId, organizationId: d.organizationId, productId: d.productId, productName: d.productName,
  billingFrequency: d.billingFrequency, unitPrice: d.unitPrice, unitCost: d.unitCost, currency: d.currency, quantity: d.quantity,
  effectiveAt: d.effectiveAt, transactionId: d.transactionId, ...(d.sequence === undefined ? {} : { sequence: d.sequence }),
});

/**
 * The one place where integration events become billing facts, by source service: which events, which stream,
 * which type, which fields.
 */
export const RECORDED_EVENTS = {
  organizations: [
    recorded(OrganizationsEvents.resellerCreated, (d) => ({
      streamId: billingResellerStreamId(d.resellerId),
      event: { type: 'ResellerRegistered', data: { resellerId: d.resellerId, name: d.name, currency: d.currency, registeredAt: d.createdAt } },
    })),
    recorded(OrganizationsEvents.organizationCreated, (d) => ({
      streamId: billingOrganizationStreamId(d.organizationId),
      event: { type: 'OrganizationRegistered', data: { organizationId: d.organizationId, resellerId: d.resellerId, name: d.name, billingStartDate: d.billingStartDate, createdAt: d.createdAt } },
    })),
    recorded(OrganizationsEvents.organizationChanged, (d) => ({
      streamId: billingOrganizationStreamId(d.organizationId),
      event: { type: 'OrganizationRenamed', data: { organizationId: d.organizationId, resellerId: d.resellerId, name: d.name, changedAt: d.changedAt } },
    })),
    recorded(OrganizationsEvents.organizationSettingsChanged, (d) => ({
      streamId: billingOrganizationStreamId(d.organizationId),
      event: { type: 'BillingStartDateSet', data: { organizationId: d.organizationId, resellerId: d.resellerId, billingStartDate: d.billingStartDate, changedAt: d.changedAt } },
    })),
  ],
  catalog: [
    recorded(CatalogEvents.subscriptionActivated, (d) => ({
      streamId: billingOrganizationStreamId(d.organizationId),
      event: { type: 'SubscriptionActivated', data: subscriptionFacts(d) },
    })),
    recorded(CatalogEvents.subscriptionQuantityChanged, (d) => ({
      streamId: billingOrganizationStreamId(d.organizationId),
      event: { type: 'SubscriptionQuantityChanged', data: subscriptionFacts(d) },
    })),
    recorded(CatalogEvents.subscriptionCancelled, (d) => ({
      streamId: billingOrganizationStreamId(d.organizationId),
      event: { type: 'SubscriptionCancelled', data: subscriptionFacts(d) },
    })),
    recorded(CatalogEvents.licencesAssigned, (d) => ({
      streamId: billingOrganizationStreamId(d.organizationId),
      event: {
        type: 'LicencesAssigned',
        data: {
          subscriptionId: d.subscriptionId, resellerId: d.resellerId, organizationId: d.organizationId, productId: d.productId,
          userIds: [...d.userIds], assignedAt: d.assignedAt, subscriptionRevision: d.subscriptionRevision,
        },
      },
    })),
  ],
  identity: [
    // Only users of an organization can hold licences.
    recorded(IdentityEvents.userRegistered, (d) =>
      !d.organizationId || !d.resellerId
        ? null
        : {
            streamId: billingOrganizationStreamId(d.organizationId),
            event: { type: 'OrganizationUserRegistered', data: { userId: d.userId, username: d.username, organizationId: d.organizationId, resellerId: d.resellerId } },
          },
    ),
  ],
} as const;
