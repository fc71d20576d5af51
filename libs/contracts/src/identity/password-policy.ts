/**
 * Password policies. `seed` is the default (the customer self-service guide, section 1.3); `nist` follows NIST
 * 800-63B (length over composition). Both refuse common passwords, accept long passphrases and never truncate.
 * Every broken rule is reported at once, so a user fixes everything in one go.
 *
 * Pure and free of imports: identity enforces it (with its common-password list, too big for a browser bundle) and
 * the portal imports this file itself to show the same rules live while a password is typed.
 */
export type PasswordPolicyName = 'seed' | 'nist';

export interface PasswordSubject {
  /** The account name, e.g. `anna@contoso.com`. */
  username: string;
  firstName: string;
  lastName: string;
}

export interface PasswordRuleViolation {
  rule: 'min_length' | 'max_length' | 'uppercase' | 'lowercase' | 'digit' | 'symbol' | 'contains_account_name' | 'contains_name' | 'common';
  message: string;
}

/** Longer inputs are refused rather than truncated; 1024 leaves room for any passphrase. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Parts of a name this short are too common to forbid (the guide speaks of "parts of" names). */
const MIN_NAME_PART = 3;

export function checkPassword(
  password: string,
  subject: PasswordSubject,
  options: { policy?: PasswordPolicyName; isCommon?: (password: string) => boolean } = {},
): PasswordRuleViolation[] {
  const policy = options.policy ?? 'seed';
  const violations: PasswordRuleViolation[] = [];
  const length = [...password].length;
  const minLength = policy === 'nist' ? 15 : 8;

  if (length < minLength) violations.push({ rule: 'min_length', message: `Password must be at least ${minLength} characters long` });
  if (length > MAX_PASSWORD_LENGTH) violations.push({ rule: 'max_length', message: `Password must be at most ${MAX_PASSWORD_LENGTH} characters long` });

  if (policy === 'seed') {
    if (!/\p{Lu}/u.test(password)) violations.push({ rule: 'uppercase', message: 'Password must contain an uppercase letter' });
    if (!/\p{Ll}/u.test(password)) violations.push({ rule: 'lowercase', message: 'Password must contain a lowercase letter' });
    if (!/\p{Nd}/u.test(password)) violations.push({ rule: 'digit', message: 'Password must contain a digit' });
    if (!/[^\p{L}\p{Nd}_]/u.test(password)) violations.push({ rule: 'symbol', message: 'Password must contain a non-word character such as ! or #' });
  }

  const lower = password.toLowerCase();
  const accountParts = nameParts(subject.username);
  if (accountParts.some((part) => lower.includes(part))) {
    violations.push({ rule: 'contains_account_name', message: 'Password must not contain parts of the account name' });
  }
  const nameTokens = nameParts(`${subject.firstName} ${subject.lastName}`);
  if (nameTokens.some((part) => lower.includes(part))) {
    violations.push({ rule: 'contains_name', message: "Password must not contain parts of the user's full name" });
  }
  if (options.isCommon?.(password)) violations.push({ rule: 'common', message: 'Password is too common; choose another one' });
  return violations;
}

/** Lower-case parts of a name split on anything that is not a letter or digit, of at least 3 characters. */
export function nameParts(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{Nd}]+/u)
    .filter((part) => [...part].length >= MIN_NAME_PART);
}
