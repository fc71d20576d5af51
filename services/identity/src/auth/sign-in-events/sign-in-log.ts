import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE, LOGGER } from '@broker/runtime';
import { signInStreamId, type SignInEvent } from './domain/sign-in.events';

/** Nobody is signed in yet when an attempt fails: the actor of those events. */
const ANONYMOUS = 'anonymous';

/**
 * Appends sign-in events to identity's event store. Recording never changes a login's answer: when the store
 * cannot take the event, the login answers as it would have and the loss is logged.
 */
@Injectable()
export class SignInLog {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(event: SignInEvent): Promise<void> {
    const actor = { userId: event.type === 'SignInSucceeded' ? event.data.userId : ANONYMOUS };
    const tenant = event.type === 'SignInSucceeded' ? event.data : {};
    try {
      await this.store.appendToStream(signInStreamId(event), [{ id: randomUUID(), type: event.type, data: event.data, metadata: commandMetadata(actor, tenant) }], 'any');
    } catch (err) {
      this.logger.warn({ err, signIn: event.type }, 'Could not record a sign-in event');
    }
  }
}
