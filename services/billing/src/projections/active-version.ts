import { CheckpointConflictError, type Checkpoints, type LeaseFence } from '@broker/read-models';
import { INITIAL_PROJECTION_VERSION } from './billing-projections';

/**
 * Which version of the billing projections answers queries, kept as a checkpoint entry so switching is one
 * compare-and-set: every service instance polls it and moves its readers and runners over.
 */
export const ACTIVE_VERSION_CHECKPOINT = 'billing:projections:active-version';

export class ActiveVersionConflictError extends Error {
  readonly code = 'BILLING.ACTIVE_VERSION_CONFLICT';
  constructor(expected: number, actual: number | null) {
    super(`The active billing projection version changed meanwhile: expected v${expected}, found ${actual === null ? 'none' : `v${actual}`}`);
    this.name = 'ActiveVersionConflictError';
  }
}

function parseVersion(value: string | null): number | null {
  if (value === null) return null;
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new Error(`Stored billing projection version is not a positive integer: ${value}`);
  return version;
}

export async function readActiveVersion(checkpoints: Checkpoints): Promise<number | null> {
  return parseVersion(await checkpoints.read(ACTIVE_VERSION_CHECKPOINT));
}

/** The active version, recording the initial one when none is stored yet. */
export async function ensureActiveVersion(checkpoints: Checkpoints): Promise<number> {
  const stored = await readActiveVersion(checkpoints);
  if (stored !== null) return stored;
  try {
    await checkpoints.save(ACTIVE_VERSION_CHECKPOINT, String(INITIAL_PROJECTION_VERSION), null);
    return INITIAL_PROJECTION_VERSION;
  } catch (error) {
    if (!(error instanceof CheckpointConflictError)) throw error;
    return (await readActiveVersion(checkpoints)) ?? INITIAL_PROJECTION_VERSION;
  }
}

/** Switches readers from `from` to `to`; throws ActiveVersionConflictError when `from` is no longer active. */
/** Switches readers from one version to another (compare-and-set); with a lease, only while that lease is current. */
export async function switchActiveVersion(checkpoints: Checkpoints, from: number, to: number, fence?: LeaseFence): Promise<void> {
  try {
    await checkpoints.save(ACTIVE_VERSION_CHECKPOINT, String(to), String(from), fence);
  } catch (error) {
    if (error instanceof CheckpointConflictError) throw new ActiveVersionConflictError(from, await readActiveVersion(checkpoints));
    throw error;
  }
}
