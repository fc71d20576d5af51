import { Inject, Injectable } from '@nestjs/common';
import type { DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, SERVICE_RUNTIME, type ServiceRuntime } from '@broker/runtime';
import { BILLING_PROJECTIONS, billingCollections, type BillingCollections } from '../projections/billing-projections';
import type { BillingUserDocument } from '../projections/billing-user.projection';
import type { OrganizationBillingDocument } from '../projections/organization-billing.projection';
import type { ResellerBillingDocument } from '../projections/reseller-billing.projection';

/** Pages read when collecting all organizations of a reseller (500 each). */
const MAX_PAGES = 200;

/** Reads the active version of billing's projections: everything a report needs, never another service. */
export class BillingReader {
  constructor(
    private readonly documents: DocumentStore,
    readonly collections: BillingCollections,
  ) {}

  async organization(organizationId: string): Promise<OrganizationBillingDocument | null> {
    return (await this.documents.get<OrganizationBillingDocument>(this.collections.organizations, organizationId))?.data ?? null;
  }

  async reseller(resellerId: string): Promise<ResellerBillingDocument | null> {
    return (await this.documents.get<ResellerBillingDocument>(this.collections.resellers, resellerId))?.data ?? null;
  }

  /** Usernames of these users (those billing knows). */
  async usernames(userIds: readonly string[]): Promise<Map<string, string>> {
    const found = await Promise.all(userIds.map((id) => this.documents.get<BillingUserDocument>(this.collections.users, id)));
    return new Map(found.filter((d) => d !== null).map((d) => [d!.data.userId, d!.data.username]));
  }

  /** Every organization of a reseller, in id order. */
  async organizationsOf(resellerId: string): Promise<OrganizationBillingDocument[]> {
    const all: OrganizationBillingDocument[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result: Awaited<ReturnType<DocumentStore['find']>> = await this.documents.find<OrganizationBillingDocument>(this.collections.organizations, {
        where: { resellerId },
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      all.push(...result.items.map((d) => d.data as OrganizationBillingDocument));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return all;
  }
}

@Injectable()
export class BillingReadModel {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /** A reader bound to the version active now, so one answer never mixes two versions. */
  async reader(): Promise<BillingReader> {
    return new BillingReader(this.documents, billingCollections(await this.runtime.activeProjectionVersion(BILLING_PROJECTIONS.name)));
  }
}
