import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import type { OutOfOfficePeriod } from '../approval-chains/domain/delegation';
import { outOfOfficeStreamId, type OutOfOfficeEvent } from './domain/out-of-office.events';

/** The out-of-office periods of an organization's approvers as they stand now (one per approver: a new one replaces it). */
@Injectable()
export class OutOfOfficeRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async periodsOf(organizationId: string): Promise<OutOfOfficePeriod[]> {
    const periods = new Map<string, OutOfOfficePeriod>();
    for (const recorded of await this.store.readStream(outOfOfficeStreamId(organizationId))) {
      const event = { type: recorded.type, data: recorded.data } as OutOfOfficeEvent;
      if (event.type === 'OutOfOfficeSet') periods.set(event.data.userId, { userId: event.data.userId, from: event.data.from, to: event.data.to, delegateId: event.data.delegateId });
      else periods.delete(event.data.userId);
    }
    return [...periods.values()];
  }
}
