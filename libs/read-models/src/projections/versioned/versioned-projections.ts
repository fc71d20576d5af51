import { CheckpointConflictError, type Checkpoints } from '../../document-store/document-store.port';
import type { LeaseFence } from '../leader-lock.port';
import type { Projection } from '../projection';

/**
 * A set of projections that moves to a new version together: a rebuild replays the whole history into version n+1
 * beside version n, which keeps answering, then switches readers over in one compare-and-set of the active version.
 */
export interface VersionedProjections {
  /** Names the active-version checkpoint (`<name>:projections:active-version`), the rebuild lock and error codes. */
  name: string;
  /** The version when no rebuild ever switched. Default 1. */
  initialVersion?: number;
  /** The set's projections at one version (their collections and checkpoints carry the version). */
  at(version: number): readonly Projection<unknown>[];
}

export const activeVersionCheckpoint = (set: Pick<VersionedProjections, 'name'>): string => `${set.name}:projections:active-version`;
const initialVersionOf = (set: Pick<VersionedProjections, 'initialVersion'>): number => set.initialVersion ?? 1;

export class ActiveVersionConflictError extends Error {
  readonly code: string;
  constructor(set: Pick<VersionedProjections, 'name'>, expected: number, actual: number | null) {
    super(`The active ${set.name} projection version changed meanwhile: expected v${expected}, found ${actual === null ? 'none' : `v${actual}`}`);
    this.name = 'ActiveVersionConflictError';
    this.code = `${set.name.toUpperCase()}.ACTIVE_VERSION_CONFLICT`;
  }
}

function parseVersion(set: Pick<VersionedProjections, 'name'>, value: string | null): number | null {
  if (value === null) return null;
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new Error(`Stored ${set.name} projection version is not a positive integer: ${value}`);
  return version;
}

export async function readActiveVersion(checkpoints: Checkpoints, set: Pick<VersionedProjections, 'name'>): Promise<number | null> {
  return parseVersion(set, await checkpoints.read(activeVersionCheckpoint(set)));
}

/** The active version, recording the initial one when none is stored yet. */
export async function ensureActiveVersion(checkpoints: Checkpoints, set: Pick<VersionedProjections, 'name' | 'initialVersion'>): Promise<number> {
  const stored = await readActiveVersion(checkpoints, set);
  if (stored !== null) return stored;
  try {
    await checkpoints.save(activeVersionCheckpoint(set), String(initialVersionOf(set)), null);
    return initialVersionOf(set);
  } catch (error) {
    if (!(error instanceof CheckpointConflictError)) throw error;
    return (await readActiveVersion(checkpoints, set)) ?? initialVersionOf(set);
  }
}

/** Switches readers from one version to another (compare-and-set); with a lease, only while that lease is current. */
export async function switchActiveVersion(checkpoints: Checkpoints, set: Pick<VersionedProjections, 'name'>, from: number, to: number, fence?: LeaseFence): Promise<void> {
  try {
    await checkpoints.save(activeVersionCheckpoint(set), String(to), String(from), fence);
  } catch (error) {
    if (error instanceof CheckpointConflictError) throw new ActiveVersionConflictError(set, from, await readActiveVersion(checkpoints, set));
    throw error;
  }
}
