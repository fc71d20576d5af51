import {
  CatalogEventTypes,
  IdentityEventTypes,
  OrganizationsEventTypes,
  type IntegrationEventEnvelope,
  type LicencesAssignedV1,
  type OrganizationChangedV1,
  type OrganizationCreatedV1,
  type OrganizationSettingsChangedV1,
  type ResellerCreatedV1,
  type SubscriptionFactsV1,
  type UserRegisteredV1,
} from '@broker/contracts';
import type { EventToAppend } from '@broker/event-sourcing';
import { billingOrganizationStreamId, billingResellerStreamId, type BillingFactEvent, type RecordedSubscriptionFacts } from './billing-events';

export interface Recording {
  streamId: string;
  event: EventToAppend;
}

/** The integration event types billing records, by source service. */
export const RECORDED_TYPES = {
  organizations: [
    OrganizationsEventTypes.resellerCreated,
    OrganizationsEventTypes.organizationCreated,
    OrganizationsEventTypes.organizationChanged,
    OrganizationsEventTypes.organizationSettingsChanged,
  ],
  catalog: [
    CatalogEventTypes.subscriptionActivated,
    CatalogEventTypes.subscriptionQuantityChanged,
    CatalogEventTypes.subscriptionCancelled,
    CatalogEventTypes.licencesAssigned,
  ],
  identity: [IdentityEventTypes.userRegistered],
} as const;

const subscriptionFacts = (d: SubscriptionFactsV1): RecordedSubscriptionFacts => ({
  subscriptionId: d.subscriptionId, resellerId: d.resellerId, organizationId: d.organizationId, productId: d.productId, productName: d.productName,
  billingFrequency: d.billingFrequency, unitPrice: d.unitPrice, unitCost: d.unitCost, currency: d.currency, quantity: d.quantity,
  effectiveAt: d.effectiveAt, transactionId: d.transactionId, ...(d.sequence === undefined ? {} : { sequence: d.sequence }),
});

/**
 * The one place where integration events become billing facts: which stream, which type, which fields. The fact's
 * id is the envelope's id, so recording the same message again appends nothing. Null: nothing to record.
 */
export function recordingOf(envelope: IntegrationEventEnvelope): Recording | null {
  const fact = factOf(envelope);
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
}

function factOf(envelope: IntegrationEventEnvelope): { streamId: string; event: BillingFactEvent } | null {
  const data = envelope.data as unknown;
  switch (envelope.type) {
    case OrganizationsEventTypes.resellerCreated: {
      const d = data as ResellerCreatedV1;
      return { streamId: billingResellerStreamId(d.resellerId), event: { type: 'ResellerRegistered', data: { resellerId: d.resellerId, name: d.name, currency: d.currency, registeredAt: d.createdAt } } };
    }
    case OrganizationsEventTypes.organizationCreated: {
      const d = data as OrganizationCreatedV1;
      return {
        streamId: billingOrganizationStreamId(d.organizationId),
        event: { type: 'OrganizationRegistered', data: { organizationId: d.organizationId, resellerId: d.resellerId, name: d.name, billingStartDate: d.billingStartDate, createdAt: d.createdAt } },
      };
    }
    case OrganizationsEventTypes.organizationChanged: {
      const d = data as OrganizationChangedV1;
      return { streamId: billingOrganizationStreamId(d.organizationId), event: { type: 'OrganizationRenamed', data: { organizationId: d.organizationId, resellerId: d.resellerId, name: d.name, changedAt: d.changedAt } } };
    }
    case OrganizationsEventTypes.organizationSettingsChanged: {
      const d = data as OrganizationSettingsChangedV1;
      return {
        streamId: billingOrganizationStreamId(d.organizationId),
        event: { type: 'BillingStartDateSet', data: { organizationId: d.organizationId, resellerId: d.resellerId, billingStartDate: d.billingStartDate, changedAt: d.changedAt } },
      };
    }
    case CatalogEventTypes.subscriptionActivated:
    case CatalogEventTypes.subscriptionQuantityChanged:
    case CatalogEventTypes.subscriptionCancelled: {
      const d = subscriptionFacts(data as SubscriptionFactsV1);
      const type =
        envelope.type === CatalogEventTypes.subscriptionActivated ? 'SubscriptionActivated'
        : envelope.type === CatalogEventTypes.subscriptionQuantityChanged ? 'SubscriptionQuantityChanged'
        : 'SubscriptionCancelled';
      return { streamId: billingOrganizationStreamId(d.organizationId), event: { type, data: d } };
    }
    case CatalogEventTypes.licencesAssigned: {
      const d = data as LicencesAssignedV1;
      return {
        streamId: billingOrganizationStreamId(d.organizationId),
        event: {
          type: 'LicencesAssigned',
          data: {
            subscriptionId: d.subscriptionId, resellerId: d.resellerId, organizationId: d.organizationId, productId: d.productId,
            userIds: [...d.userIds], assignedAt: d.assignedAt, subscriptionRevision: d.subscriptionRevision,
          },
        },
      };
    }
    case IdentityEventTypes.userRegistered: {
      const d = data as UserRegisteredV1;
      // Only users of an organization can hold licences.
      if (!d.organizationId || !d.resellerId) return null;
      return {
        streamId: billingOrganizationStreamId(d.organizationId),
        event: { type: 'OrganizationUserRegistered', data: { userId: d.userId, username: d.username, organizationId: d.organizationId, resellerId: d.resellerId } },
      };
    }
    default:
      return null;
  }
}
