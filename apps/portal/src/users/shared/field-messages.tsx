import { ApiError } from '../../api/problem';

/** The messages of a 400 for one field, each on its own (a weak password breaks several rules at once). */
export function fieldMessages(error: unknown, field: string): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem?.errors ?? []).filter((entry) => entry.field === field).map((entry) => entry.message);
}

/** Several messages of one field, one per line, as a Mantine input's error. */
export function messageLines(messages: string[]) {
  if (messages.length === 0) return undefined;
  return messages.map((message) => (
    <span key={message} style={{ display: 'block' }}>
      {message}
    </span>
  ));
}
