import { InvalidEscalationSettingsError } from './approval-chains.errors';
import { dueNow, MAX_ESCALATION_MINUTES, nextDueAt, validateEscalationSettings, type EscalationSettings, type SentForStep } from './escalation-schedule';

const reachedAt = new Date('2026-03-16T09:00:00Z');
const minutes = (m: number, ms = 0) => new Date(reachedAt.getTime() + m * 60_000 + ms);
/** Reminder after a day, escalation after two, automatic rejection after seven. */
const settings: EscalationSettings = { reminderAfterMinutes: 1440, escalateAfterMinutes: 2880, autoRejectAfterMinutes: 10080 };
const nothingSent: SentForStep = { reminderSent: false, escalationSent: false };
const due = (now: Date, sent: SentForStep = nothingSent, s: EscalationSettings = settings) => dueNow({ stepReachedAt: reachedAt, settings: s, sent, now });

const refusedFields = (s: EscalationSettings): string[] => {
  try {
    validateEscalationSettings(s);
  } catch (error) {
    if (error instanceof InvalidEscalationSettingsError && error.code === 'VALIDATION') return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('escalation settings', () => {
  it('takes whole minutes, escalation after the reminder and automatic rejection after the escalation, or none', () => {
    expect(refusedFields(settings)).toEqual([]);
    expect(refusedFields({ reminderAfterMinutes: 1, escalateAfterMinutes: 2, autoRejectAfterMinutes: 3 })).toEqual([]);
    expect(refusedFields({ reminderAfterMinutes: 60, escalateAfterMinutes: 120, autoRejectAfterMinutes: null })).toEqual([]);
    expect(refusedFields({ reminderAfterMinutes: 1, escalateAfterMinutes: 2, autoRejectAfterMinutes: MAX_ESCALATION_MINUTES })).toEqual([]);
  });

  it('refuses an escalation not after the reminder, and an automatic rejection not after the escalation', () => {
    expect(refusedFields({ reminderAfterMinutes: 60, escalateAfterMinutes: 60, autoRejectAfterMinutes: null })).toEqual(['escalateAfterMinutes']);
    expect(refusedFields({ reminderAfterMinutes: 60, escalateAfterMinutes: 59, autoRejectAfterMinutes: null })).toEqual(['escalateAfterMinutes']);
    expect(refusedFields({ reminderAfterMinutes: 60, escalateAfterMinutes: 120, autoRejectAfterMinutes: 120 })).toEqual(['autoRejectAfterMinutes']);
    expect(refusedFields({ reminderAfterMinutes: 60, escalateAfterMinutes: 120, autoRejectAfterMinutes: 90 })).toEqual(['autoRejectAfterMinutes']);
  });

  it('refuses zero, fractions and more than a year', () => {
    expect(refusedFields({ reminderAfterMinutes: 0, escalateAfterMinutes: 2, autoRejectAfterMinutes: null })).toEqual(['reminderAfterMinutes']);
    expect(refusedFields({ reminderAfterMinutes: 1, escalateAfterMinutes: 2.5, autoRejectAfterMinutes: null })).toEqual(['escalateAfterMinutes']);
    expect(refusedFields({ reminderAfterMinutes: 1, escalateAfterMinutes: 2, autoRejectAfterMinutes: MAX_ESCALATION_MINUTES + 1 })).toEqual(['autoRejectAfterMinutes']);
  });
});

describe('what is due for a pending step', () => {
  it('reminds from the moment the reminder time is reached, not a millisecond before', () => {
    expect(due(minutes(1440, -1))).toEqual({ remind: false, escalate: false, autoReject: false });
    expect(due(minutes(1440))).toEqual({ remind: true, escalate: false, autoReject: false });
  });

  it('escalates from the escalation time, with the reminder if it was never sent', () => {
    expect(due(minutes(2880, -1), { reminderSent: true, escalationSent: false })).toEqual({ remind: false, escalate: false, autoReject: false });
    expect(due(minutes(2880), { reminderSent: true, escalationSent: false })).toEqual({ remind: false, escalate: true, autoReject: false });
    expect(due(minutes(2880))).toEqual({ remind: true, escalate: true, autoReject: false });
  });

  it('never makes due again what was sent', () => {
    expect(due(minutes(2000), { reminderSent: true, escalationSent: false })).toEqual({ remind: false, escalate: false, autoReject: false });
    expect(due(minutes(5000), { reminderSent: true, escalationSent: true })).toEqual({ remind: false, escalate: false, autoReject: false });
  });

  it('rejects automatically from the final time, and then only that', () => {
    expect(due(minutes(10080, -1), { reminderSent: true, escalationSent: true }).autoReject).toBe(false);
    expect(due(minutes(10080), { reminderSent: true, escalationSent: true })).toEqual({ remind: false, escalate: false, autoReject: true });
    expect(due(minutes(20000))).toEqual({ remind: false, escalate: false, autoReject: true });
  });

  it('never rejects automatically when the organization chose not to', () => {
    expect(due(minutes(1_000_000), { reminderSent: true, escalationSent: true }, { ...settings, autoRejectAfterMinutes: null })).toEqual({ remind: false, escalate: false, autoReject: false });
  });

  it('makes each due exactly once over a clock ticking every minute', () => {
    const sent = { ...nothingSent };
    const counts = { remind: 0, escalate: 0, autoReject: 0 };
    for (let m = 0; m <= 10080 + 60; m++) {
      const now = due(minutes(m), sent);
      if (now.autoReject) {
        counts.autoReject += 1;
        break; // The step ends: nothing is pending any more.
      }
      if (now.remind) [counts.remind, sent.reminderSent] = [counts.remind + 1, true];
      if (now.escalate) [counts.escalate, sent.escalationSent] = [counts.escalate + 1, true];
    }
    expect(counts).toEqual({ remind: 1, escalate: 1, autoReject: 1 });
  });

  it('names the next moment something becomes due', () => {
    expect(nextDueAt({ stepReachedAt: reachedAt, settings, sent: nothingSent })).toEqual(minutes(1440));
    expect(nextDueAt({ stepReachedAt: reachedAt, settings, sent: { reminderSent: true, escalationSent: false } })).toEqual(minutes(2880));
    expect(nextDueAt({ stepReachedAt: reachedAt, settings, sent: { reminderSent: true, escalationSent: true } })).toEqual(minutes(10080));
    expect(nextDueAt({ stepReachedAt: reachedAt, settings: { ...settings, autoRejectAfterMinutes: null }, sent: { reminderSent: true, escalationSent: true } })).toBeNull();
  });
});
