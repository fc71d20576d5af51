import { projectionCollection, type Projection, type VersionedProjections } from '@broker/read-models';
import { billingUserProjection, type BillingUserDocument } from './billing-user.projection';
import { organizationBillingProjection, type OrganizationBillingDocument } from './organization-billing.projection';
import { resellerBillingProjection, type ResellerBillingDocument } from './reseller-billing.projection';

/** The version billing starts with when no rebuild ever switched to another. */
export const INITIAL_PROJECTION_VERSION = 1;

export interface BillingProjectionSet {
  version: number;
  organizations: Projection<OrganizationBillingDocument>;
  resellers: Projection<ResellerBillingDocument>;
  users: Projection<BillingUserDocument>;
}

/**
 * Billing's projections at one version. They move to a new version together: `npm run billing:rebuild` builds
 * version n+1 from position zero beside version n, then switches every reader over (see active-version.ts).
 */
export function billingProjections(version: number): BillingProjectionSet {
  if (!Number.isInteger(version) || version < 1) throw new RangeError(`Projection version must be a positive integer, got ${version}`);
  return {
    version,
    organizations: { ...organizationBillingProjection, version },
    resellers: { ...resellerBillingProjection, version },
    users: { ...billingUserProjection, version },
  };
}

export function projectionList(set: BillingProjectionSet): Projection<unknown>[] {
  return [set.organizations, set.resellers, set.users] as Projection<unknown>[];
}

/** Billing's projections as the runtime runs them: at the active version, switched by a rebuild. */
export const BILLING_PROJECTIONS: VersionedProjections = {
  name: 'billing',
  initialVersion: INITIAL_PROJECTION_VERSION,
  at: (version) => projectionList(billingProjections(version)),
};

export interface BillingCollections {
  version: number;
  organizations: string;
  resellers: string;
  users: string;
}

export function billingCollections(version: number): BillingCollections {
  const set = billingProjections(version);
  return { version, organizations: projectionCollection(set.organizations), resellers: projectionCollection(set.resellers), users: projectionCollection(set.users) };
}
