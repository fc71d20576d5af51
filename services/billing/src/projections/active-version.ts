import { ensureActiveVersion as ensureActive, readActiveVersion as readActive, switchActiveVersion as switchActive, type Checkpoints, type LeaseFence } from '@broker/read-models';
import { BILLING_PROJECTIONS } from './billing-projections';

/**
 * Which version of the billing projections answers queries: the runtime's versioned projections named `billing`
 * (checkpoint `billing:projections:active-version`), so switching is one compare-and-set that every instance follows.
 */
export const readActiveVersion = (checkpoints: Checkpoints): Promise<number | null> => readActive(checkpoints, BILLING_PROJECTIONS);

/** The active version, recording the initial one when none is stored yet. */
export const ensureActiveVersion = (checkpoints: Checkpoints): Promise<number> => ensureActive(checkpoints, BILLING_PROJECTIONS);

/** Switches readers from one version to another (compare-and-set); with a lease, only while that lease is current. */
export const switchActiveVersion = (checkpoints: Checkpoints, from: number, to: number, fence?: LeaseFence): Promise<void> => switchActive(checkpoints, BILLING_PROJECTIONS, from, to, fence);
