import type { Decider } from '@broker/event-sourcing';
import type { SupportRequestEvent } from './support-request.events';
import { SupportRequestAlreadyExistsError } from './support-request.errors';

type CreatedData = SupportRequestEvent['data'];

export type SupportRequestCommand = {
  type: 'CreateSupportRequest';
  data: Omit<CreatedData, 'requestedBy' | 'createdAt'>;
  actorId: string;
  at: Date;
};

export type SupportRequestState = { status: 'none' } | { status: 'created'; id: string; requestedBy: string };

/** One line: a subject travels as a mail header. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Line breaks are the writer's; only the blank edges and stray carriage returns go. */
const tidyMessage = (text: string): string => text.replace(/\r\n?/g, '\n').trim();

export const supportRequestDecider: Decider<SupportRequestCommand, SupportRequestEvent, SupportRequestState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (state.status === 'created') {
      // The same caller retrying the same request records nothing more; anyone else is told the id is taken.
      if (state.requestedBy === command.actorId) return [];
      throw new SupportRequestAlreadyExistsError(command.data.supportRequestId);
    }
    const { subject, message, ...rest } = command.data;
    return [
      {
        type: 'SupportRequestCreated',
        data: { ...rest, subject: oneLine(subject), message: tidyMessage(message), requestedBy: command.actorId, createdAt: command.at.toISOString() },
      },
    ];
  },

  evolve(_state, event) {
    return { status: 'created', id: event.data.supportRequestId, requestedBy: event.data.requestedBy };
  },
};
