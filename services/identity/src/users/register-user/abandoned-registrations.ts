import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { CredentialStore } from '../../passwords/credential-store';
import { InternetDomainMembership } from '../internet-domain-membership/internet-domain-membership';
import { userDecider } from '../domain/user.decider';
import { userStreamId } from '../domain/user.events';
import { UserAlreadyExistsError } from '../domain/user.errors';
import { UserRepository, type ForsakenClaim } from '../user.repository';

/**
 * Undoes a registration that claimed a username but did not record its user: first UserRegistrationAbandoned on
 * the user's stream, appended where UserRegistered would go (so a registration still running and this step
 * cannot both win, on any replica), then the claim, the domain membership and the password hash are given back.
 * Each step is safe to repeat; when one fails, the next registration of the name finishes the job.
 */
@Injectable()
export class AbandonedRegistrations {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly users: UserRepository,
    private readonly domains: InternetDomainMembership,
    private readonly credentials: CredentialStore,
  ) {}

  /** False when the user was recorded after all: then nothing is undone. */
  async abandon(claim: ForsakenClaim, actorId: string, at: Date): Promise<boolean> {
    const { userId, username, organizationId } = claim;
    const metadata = organizationId ? { actorId, organizationId } : { actorId };
    try {
      await handleCommand(this.store, userStreamId(userId), userDecider, { type: 'AbandonRegistration', data: { userId, username }, actorId, at }, { metadata, retries: 2 });
    } catch (error) {
      if (error instanceof UserAlreadyExistsError) return false;
      throw error;
    }
    await this.users.releaseUsername(username, userId, metadata, at);
    if (organizationId) await this.domains.remove(organizationId, username, userId, metadata);
    await this.credentials.remove(userId);
    return true;
  }
}
