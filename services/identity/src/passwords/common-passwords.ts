import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The shipped list of common passwords: the ~49,000 most common passwords from public breach corpora, as kept by
 * the zxcvbn-ts project. Compared case-insensitively, so "Password1" is as common as "password1".
 */
let common: Set<string> | null = null;

export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
