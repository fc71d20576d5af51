import { Inject, Injectable } from '@nestjs/common';
import { nameBasedId } from '@broker/contracts';
import type { EventMetadata, EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';

/**
 * Which users of an organization have a username in one of its domains: a small stream per organization and
 * domain, written in the same request as the user (before the user's own event, so a crash between can only make
 * the count too high, never too low). It answers "is this domain still used?" at the moment a domain is removed,
 * which a lagging read model could not.
 */
export type InternetDomainMembershipEvent =
  /** username: absent on older events. */
  | { type: 'DomainUserAdded'; data: { organizationId: string; domain: string; userId: string; username?: string } }
  | { type: 'DomainUserRemoved'; data: { organizationId: string; domain: string; userId: string } };

export const internetDomainMembershipStreamId = (organizationId: string, domain: string): string =>
  `domain-users-${nameBasedId(`domain-users:${organizationId}:${domain.toLowerCase()}`)}`;

/** The domain of a username (`anna@Contoso.com` -> `contoso.com`). */
export function internetDomainOf(username: string): string {
  return username.slice(username.lastIndexOf('@') + 1).toLowerCase();
}

/** The users a membership stream holds now (user id to username, when known). Pure, for tests. */
export function membersOf(events: readonly InternetDomainMembershipEvent[]): Map<string, string | undefined> {
  const members = new Map<string, string | undefined>();
  for (const event of events) {
    if (event.type === 'DomainUserAdded') members.set(event.data.userId, event.data.username);
    else members.delete(event.data.userId);
  }
  return members;
}

@Injectable()
export class InternetDomainMembership {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Idempotent per user: a retried registration appends nothing twice. */
  async add(organizationId: string, username: string, userId: string, metadata: EventMetadata): Promise<void> {
    await this.append({ type: 'DomainUserAdded', data: { organizationId, domain: internetDomainOf(username), userId, username: username.toLowerCase() } }, `domain-user-added:${userId}`, metadata);
  }

  async remove(organizationId: string, username: string, userId: string, metadata: EventMetadata): Promise<void> {
    await this.append({ type: 'DomainUserRemoved', data: { organizationId, domain: internetDomainOf(username), userId } }, `domain-user-removed:${userId}`, metadata);
  }

  async count(organizationId: string, domain: string): Promise<number> {
    return (await this.members(organizationId, domain)).size;
  }

  async members(organizationId: string, domain: string): Promise<Map<string, string | undefined>> {
    const recorded = await this.store.readStream(internetDomainMembershipStreamId(organizationId, domain));
    return membersOf(recorded.map((e) => ({ type: e.type, data: e.data }) as InternetDomainMembershipEvent));
  }

  private async append(event: InternetDomainMembershipEvent, idName: string, metadata: EventMetadata): Promise<void> {
    const streamId = internetDomainMembershipStreamId(event.data.organizationId, event.data.domain);
    await this.store.appendToStream(streamId, [{ id: nameBasedId(idName), type: event.type, data: event.data, metadata }], 'any');
  }
}
