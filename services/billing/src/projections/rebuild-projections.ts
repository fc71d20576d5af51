import { rebuildProjections, type RebuildOptions, type RebuildResult } from '@broker/read-models';
import { BILLING_PROJECTIONS } from './billing-projections';

export type { RebuildProgress, RebuildResult } from '@broker/read-models';

/**
 * `npm run billing:rebuild`: replays billing's whole event history into a new version of its projections beside the
 * active one, then switches readers over (the runtime's rebuildProjections; failures are BILLING.REBUILD_FAILED).
 */
export function rebuildBillingProjections(options: Omit<RebuildOptions, 'set'>): Promise<RebuildResult> {
  return rebuildProjections({ ...options, set: BILLING_PROJECTIONS });
}
