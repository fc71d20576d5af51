import { InvalidEscalationSettingsError, type FieldMessage } from './approval-chains.errors';

/** At most a year. */
export const MAX_ESCALATION_MINUTES = 366 * 24 * 60;

/** The organization's times for a pending step, in whole minutes since the step was reached. */
export interface EscalationSettings {
  reminderAfterMinutes: number;
  escalateAfterMinutes: number;
  /** null: never rejected automatically. */
  autoRejectAfterMinutes: number | null;
}

export interface SentForStep {
  reminderSent: boolean;
  escalationSent: boolean;
}

export interface DueNow {
  remind: boolean;
  escalate: boolean;
  autoReject: boolean;
}

const MS_PER_MINUTE = 60_000;

/** Whole minutes from 1 to a year; escalation after the reminder; an automatic rejection after the escalation. */
export function validateEscalationSettings(settings: EscalationSettings): void {
  const errors: FieldMessage[] = [];
  const fields = ['reminderAfterMinutes', 'escalateAfterMinutes', 'autoRejectAfterMinutes'] as const;
  const valid = (field: (typeof fields)[number]) => {
    const value = settings[field];
    return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_ESCALATION_MINUTES;
  };
  for (const field of fields) {
    if (field === 'autoRejectAfterMinutes' && settings[field] === null) continue;
    if (!valid(field)) errors.push({ field, message: `${field} must be a whole number of minutes from 1 to ${MAX_ESCALATION_MINUTES}` });
  }
  if (valid('reminderAfterMinutes') && valid('escalateAfterMinutes') && settings.escalateAfterMinutes <= settings.reminderAfterMinutes) {
    errors.push({ field: 'escalateAfterMinutes', message: 'escalateAfterMinutes must be more than reminderAfterMinutes' });
  }
  if (settings.autoRejectAfterMinutes !== null && valid('autoRejectAfterMinutes') && valid('escalateAfterMinutes') && settings.autoRejectAfterMinutes <= settings.escalateAfterMinutes) {
    errors.push({ field: 'autoRejectAfterMinutes', message: 'autoRejectAfterMinutes must be more than escalateAfterMinutes' });
  }
  if (errors.length > 0) throw new InvalidEscalationSettingsError(errors);
}

/**
 * What is due for a pending step at `now` (the caller's clock): each time is due from the moment it is reached
 * (reached at + limit, included), and only while not sent yet, so each happens once. When the automatic rejection is
 * due it alone is due: a reminder or escalation of a step that ends at that moment would only be noise.
 */
export function dueNow(input: { stepReachedAt: Date; settings: EscalationSettings; sent: SentForStep; now: Date }): DueNow {
  const { settings, sent } = input;
  const elapsed = input.now.getTime() - input.stepReachedAt.getTime();
  const reached = (minutes: number | null) => minutes !== null && elapsed >= minutes * MS_PER_MINUTE;
  if (reached(settings.autoRejectAfterMinutes)) return { remind: false, escalate: false, autoReject: true };
  return { remind: !sent.reminderSent && reached(settings.reminderAfterMinutes), escalate: !sent.escalationSent && reached(settings.escalateAfterMinutes), autoReject: false };
}

/** When something next becomes due for the step (for a durable timer); null when nothing ever will. */
export function nextDueAt(input: { stepReachedAt: Date; settings: EscalationSettings; sent: SentForStep }): Date | null {
  const { settings, sent } = input;
  const pending = [
    sent.reminderSent ? null : settings.reminderAfterMinutes,
    sent.escalationSent ? null : settings.escalateAfterMinutes,
    settings.autoRejectAfterMinutes,
  ].filter((m): m is number => m !== null);
  if (pending.length === 0) return null;
  return new Date(input.stepReachedAt.getTime() + Math.min(...pending) * MS_PER_MINUTE);
}
