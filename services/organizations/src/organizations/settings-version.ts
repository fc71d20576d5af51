import { DomainError } from '@broker/event-sourcing';
import { organizationDecider, type OrganizationState } from './domain/organization.decider';
import type { OrganizationEvent } from './domain/organization.events';

/**
 * An organization as its stream built it, with the version of its settings: the number of the last event (its
 * revision + 1) that changed the notification e-mail or the billing start date. A new name or domain leaves the
 * settings' version alone, so an If-Match on the settings fails only when the settings changed.
 */
export interface VersionedOrganization {
  state: OrganizationState;
  /** The stream's revision; undefined when it does not exist. */
  revision: bigint | undefined;
  settingsVersion: string;
}

export const NO_ORGANIZATION: VersionedOrganization = Object.freeze({ state: organizationDecider.initialState(), revision: undefined, settingsVersion: '0' });

function sameSettings(a: OrganizationState, b: OrganizationState): boolean {
  if (a.status === 'none' || b.status === 'none') return a.status === b.status;
  return a.notificationEmail === b.notificationEmail && a.billingStartDate === b.billingStartDate;
}

/** The organization after its event at `revision`. */
export function evolveVersioned(current: VersionedOrganization, event: OrganizationEvent, revision: bigint): VersionedOrganization {
  const state = organizationDecider.evolve(current.state, event);
  return { state, revision, settingsVersion: sameSettings(current.state, state) ? current.settingsVersion : String(revision + 1n) };
}

/** A change of the settings made under a version (If-Match) they are no longer at: 412. */
export class OrganizationSettingsVersionMismatchError extends DomainError {
  constructor() {
    super('ORGANIZATION_SETTINGS.VERSION_MISMATCH', "The organization's settings changed since the version given in If-Match: read them again and repeat the change on what you read");
  }
}
