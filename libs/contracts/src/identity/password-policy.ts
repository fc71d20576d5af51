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

const MESSAGES: Record<Exclude<PasswordRuleViolation['rule'], 'min_length'>, string> = {
  max_length: `Password must be at most ${MAX_PASSWORD_LENGTH} characters long`,
  uppercase: 'Password must contain an uppercase letter',
  lowercase: 'Password must contain a lowercase letter',
  digit: 'Password must contain a digit',
  symbol: 'Password must contain a non-word character such as ! or #',
  contains_account_name: 'Password must not contain parts of the account name',
  contains_name: "Password must not contain parts of the user's full name",
  common: 'Password is too common; choose another one',
};

/** Every rule a policy checks, in the order they are reported, with the message a broken one gives. */
export function passwordRules(policy: PasswordPolicyName = 'seed'): PasswordRuleViolation[] {
  const rule = (name: keyof typeof MESSAGES): PasswordRuleViolation => ({ rule: name, message: MESSAGES[name] });
  return [
    { rule: 'min_length', message: `Password must be at least ${policy === 'nist' ? 15 : 8} characters long` },
    rule('max_length'),
    ...(policy === 'seed' ? [rule('uppercase'), rule('lowercase'), rule('digit'), rule('symbol')] : []),
    rule('contains_account_name'),
    rule('contains_name'),
    rule('common'),
  ];
}

export function checkPassword(
  password: string,
  subject: PasswordSubject,
  options: { policy?: PasswordPolicyName; isCommon?: (password: string) => boolean } = {},
): PasswordRuleViolation[] {
  const length = [...password].length;
  const minLength = options.policy === 'nist' ? 15 : 8;
  const lower = password.toLowerCase();
  const broken: Record<PasswordRuleViolation['rule'], () => boolean> = {
    min_length: () => length < minLength,
    max_length: () => length > MAX_PASSWORD_LENGTH,
    uppercase: () => !/\p{Lu}/u.test(password),
    lowercase: () => !/\p{Ll}/u.test(password),
    digit: () => !/\p{Nd}/u.test(password),
    symbol: () => !/[^\p{L}\p{Nd}_]/u.test(password),
    contains_account_name: () => nameParts(subject.username).some((part) => lower.includes(part)),
    contains_name: () => nameParts(`${subject.firstName} ${subject.lastName}`).some((part) => lower.includes(part)),
    common: () => options.isCommon?.(password) ?? false,
  };
  return passwordRules(options.policy).filter((rule) => broken[rule.rule]());
}

/** Lower-case parts of a name split on anything that is not a letter or digit, of at least 3 characters. */
export function nameParts(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{Nd}]+/u)
    .filter((part) => [...part].length >= MIN_NAME_PART);
}
