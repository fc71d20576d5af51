import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { sessionDecider, type RefreshingUser, type SessionCommand } from './session.decider';
import type { SessionEvent } from './session.events';

const spec = DeciderSpecification.for(sessionDecider);
const at = new Date('2026-03-16T09:00:00Z');
const when = at.toISOString();
const expiresAt = '2026-03-30T09:00:00.000Z';
const tenant = { resellerId: 'r-1', organizationId: 'o-1' };
const issue = { sessionId: 's-1', userId: 'u-1', userRevision: 4, expiresAt, ...tenant };

const opened: SessionEvent = { type: 'SessionOpened', data: { ...issue, generation: 0, sourceAddress: '10.0.0.1', openedAt: when } };
const refreshedTo = (generation: number): SessionEvent => ({ type: 'SessionRefreshed', data: { ...issue, generation, sourceAddress: '10.0.0.2', refreshedAt: when } });
const ended: SessionEvent = { type: 'SessionEnded', data: { sessionId: 's-1', userId: 'u-1', reason: 'logout', ...tenant, endedAt: when } };

const anna: RefreshingUser = { userId: 'u-1', active: true, sessionsEndedAt: 2 };
const refresh = (generation: number, user = anna, time = at): SessionCommand => ({
  type: 'RefreshSession',
  data: { sessionId: 's-1', generation, sourceAddress: '10.0.0.2', user },
  at: time,
});

describe('session decider', () => {
  it('opens a session at generation 0, once', () => {
    const open: SessionCommand = { type: 'OpenSession', data: { sessionId: 's-1', userId: 'u-1', userRevision: 4, expiresAt: new Date(expiresAt), sourceAddress: '10.0.0.1', ...tenant }, at };
    spec.when(open).then([opened]);
    spec.given([opened]).when(open).then([]);
  });

  it('rotates: the current generation is spent for the next, carrying what the session rests on', () => {
    spec.given([opened]).when(refresh(0)).then([refreshedTo(1)]);
    spec.given([opened, refreshedTo(1)]).when(refresh(1)).then([refreshedTo(2)]);
  });

  it('revokes the whole session when a spent generation comes back', () => {
    spec.given([opened, refreshedTo(1)]).when(refresh(0)).then([
      { type: 'SessionFamilyRevoked', data: { sessionId: 's-1', userId: 'u-1', reusedGeneration: 0, currentGeneration: 1, sourceAddress: '10.0.0.2', ...tenant, revokedAt: when } },
    ]);
  });

  it('refreshes nothing once the session is revoked or ended, not even its latest generation', () => {
    const revoked = sessionDecider.decide(refresh(0), sessionDecider.evolve(sessionDecider.evolve(sessionDecider.initialState(), opened), refreshedTo(1)));
    spec.given([opened, refreshedTo(1), ...revoked]).when(refresh(1)).then([]);
    spec.given([opened, ended]).when(refresh(0)).then([]);
  });

  it('refreshes nothing for an unknown session, a generation never issued, or after the session expired', () => {
    spec.when(refresh(0)).then([]);
    spec.given([opened]).when(refresh(1)).then([]);
    spec.given([opened]).when(refresh(0, anna, new Date(expiresAt))).then([]);
  });

  it("refreshes nothing when the user's sessions ended after this one opened, the user is inactive, or is someone else", () => {
    spec.given([opened]).when(refresh(0, { ...anna, sessionsEndedAt: 5 })).then([]);
    spec.given([opened]).when(refresh(0, { ...anna, sessionsEndedAt: 4 })).then([refreshedTo(1)]);
    spec.given([opened]).when(refresh(0, { ...anna, active: false })).then([]);
    spec.given([opened]).when(refresh(0, { ...anna, userId: 'u-2' })).then([]);
  });

  it('ends a live session with its reason, and an ended one stays ended', () => {
    const end: SessionCommand = { type: 'EndSession', data: { sessionId: 's-1', reason: 'logout' }, at };
    spec.given([opened, refreshedTo(1)]).when(end).then([ended]);
    spec.given([opened, ended]).when(end).then([]);
    spec.when(end).then([]);
  });
});
