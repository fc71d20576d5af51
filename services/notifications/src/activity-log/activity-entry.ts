import type { ActivityEntryView } from '@broker/contracts';
import type { CollectionDefinition } from '@broker/read-models';

/**
 * The activity log: one document per integration event that records an action (its id is the event's, so a
 * redelivered event writes the same document again). Indexed for the three lists (organization, reseller, platform)
 * and their filters; `at` orders them and bounds the time range.
 */
export const ACTIVITY_LOG: CollectionDefinition = {
  name: 'activity_log',
  indexes: { organizationId: 'string', resellerId: 'string', actorId: 'string', action: 'string', targetId: 'string', at: 'string' },
};

/** As stored: the view, with the target's id flat so it can be indexed. */
export interface ActivityEntry extends ActivityEntryView {
  targetId: string | null;
}

export function toActivityView(entry: ActivityEntry): ActivityEntryView {
  const { targetId: _targetId, ...view } = entry;
  return view;
}
