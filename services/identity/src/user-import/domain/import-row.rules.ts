import { isEmail } from 'class-validator';
import { ORGANIZATION_ROLES, plainTextProblem, ROLES, type ImportFieldError, type ImportUserRowDto, type Role } from '@broker/contracts';

/**
 * The checks of one imported row that the user registration does not make itself (it relies on the HTTP body's
 * validation for these): names and contact e-mail, a role that exists at all, and a username the file already
 * had in an earlier row. Registration adds the username, domain, role and password rules; the import reports all
 * of them together.
 */
export const MAX_NAME_LENGTH = 100;
export const MAX_EMAIL_LENGTH = 254;

export function importRowErrors(row: ImportUserRowDto): ImportFieldError[] {
  const errors: ImportFieldError[] = [];
  nameErrors('firstName', row.firstName, errors);
  nameErrors('lastName', row.lastName, errors);
  if (row.email === '') errors.push({ field: 'email', message: 'email is required' });
  else if (row.email.length > MAX_EMAIL_LENGTH || !isEmail(row.email)) errors.push({ field: 'email', message: 'email must be an e-mail address' });
  if (!isRole(row.role)) errors.push({ field: 'role', message: `role must be one of ${ORGANIZATION_ROLES.join(', ')}` });
  if (row.username === '') errors.push({ field: 'username', message: 'username is required' });
  else plainTextErrors('username', row.username, errors);
  if (row.repeatsRow !== undefined) errors.push({ field: 'username', message: `username already appears in row ${row.repeatsRow} of this file` });
  return errors;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Field errors of a row without repeats (the same message from two checks is reported once). */
export function distinctErrors(errors: readonly ImportFieldError[]): ImportFieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function nameErrors(field: 'firstName' | 'lastName', value: string, errors: ImportFieldError[]): void {
  if (value === '') errors.push({ field, message: `${field} is required` });
  else if (value.length > MAX_NAME_LENGTH) errors.push({ field, message: `${field} must be at most ${MAX_NAME_LENGTH} characters long` });
  else plainTextErrors(field, value, errors);
}

/** Names as the HTTP bodies take them: no control or bidirectional control characters (IsPlainText). */
function plainTextErrors(field: 'firstName' | 'lastName' | 'username', value: string, errors: ImportFieldError[]): void {
  const problem = plainTextProblem(value);
  if (problem) errors.push({ field, message: `${field} ${problem}` });
}
