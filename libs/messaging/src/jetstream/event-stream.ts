import type { DeploymentNames } from '@broker/contracts';
import { DiscardPolicy, nanos, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig, type StreamInfo } from 'nats';

export interface EventStreamOptions {
  /** JetStream drops a re-published message id within this window. Default 5 minutes. */
  duplicateWindowMs?: number;
  /** Age after which messages are removed; 0 keeps them (limits-based retention). Default 0. */
  maxAgeMs?: number;
  /** Default 1; more needs a clustered NATS. */
  replicas?: number;
}

export const DEFAULT_DUPLICATE_WINDOW_MS = 5 * 60_000;

function isNotFound(error: unknown, errCode: number): boolean {
  const apiError = (error as { api_error?: { err_code?: number } }).api_error;
  return apiError?.err_code === errCode;
}

/** Subjects of the deployment's integration events, the only subjects its event stream holds. */
export function eventStreamSubjects(names: DeploymentNames): string[] {
  return [`${names.deployment}.events.>`];
}

/**
 * Creates the deployment's integration-event stream, or brings an existing one to this configuration.
 * Idempotent and safe to call from every service at boot.
 */
export async function ensureEventStream(
  jsm: JetStreamManager,
  names: DeploymentNames,
  options: EventStreamOptions = {},
): Promise<StreamInfo> {
  const wanted: Partial<StreamConfig> = {
    subjects: eventStreamSubjects(names),
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
    max_age: nanos(options.maxAgeMs ?? 0),
    num_replicas: options.replicas ?? 1,
  };
  let existing: StreamInfo | null = null;
  try {
    existing = await jsm.streams.info(names.eventStream);
  } catch (error) {
    if (!isNotFound(error, 10059)) throw error;
  }
  if (!existing) {
    try {
      return await jsm.streams.add({ ...wanted, name: names.eventStream, storage: StorageType.File });
    } catch (error) {
      // Another service created it at the same moment: fall through to the update.
      existing = await jsm.streams.info(names.eventStream).catch(() => {
        throw error;
      });
    }
  }
  const current = existing.config;
  const same =
    current.subjects.length === 1 &&
    current.subjects[0] === wanted.subjects![0] &&
    current.retention === wanted.retention &&
    current.duplicate_window === wanted.duplicate_window &&
    current.max_age === wanted.max_age &&
    current.num_replicas === wanted.num_replicas;
  if (same) return existing;
  // Storage cannot change on update; everything else is brought to the wanted values.
  return jsm.streams.update(names.eventStream, { ...current, ...wanted });
}
