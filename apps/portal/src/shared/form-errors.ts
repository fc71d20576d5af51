import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, messageOf } from '../api/problem';

/**
 * Puts an API refusal next to the form's fields: each field message of a 400 by its dotted path, and a coded
 * refusal that is about one field (a 409 for a taken domain, say) under that field. Answers what the form should
 * say as a whole (messages of fields it does not show among them).
 */
export function showApiErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  fieldOfCode: Readonly<Record<string, Path<T>>> = {},
): string {
  if (!(error instanceof ApiError)) return messageOf(error);
  const codeField = error.problem?.code ? fieldOfCode[error.problem.code] : undefined;
  if (codeField) {
    setError(codeField, { message: error.message });
    return 'Some fields need a change: see the messages next to them.';
  }
  const unshown: string[] = [];
  let shown = false;
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    if ((fields as readonly string[]).includes(field)) {
      setError(field as Path<T>, { message });
      shown = true;
    } else unshown.push(message);
  }
  if (!shown) return messageOf(error);
  return ['Some fields need a change: see the messages next to them.', ...unshown].join(' ');
}
