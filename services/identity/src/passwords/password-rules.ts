import { Inject, Injectable } from '@nestjs/common';
import { checkPassword, type PasswordSubject } from '@broker/contracts';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../identity.config';
import { isCommonPassword } from './common-passwords';

/** The configured password policy with the shipped common-password list, as field messages for a 400 answer. */
@Injectable()
export class PasswordRules {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: IdentityConfig) {}

  violations(password: string, subject: PasswordSubject, field = 'password'): { field: string; message: string }[] {
    return checkPassword(password, subject, { policy: this.config.PASSWORD_POLICY, isCommon: isCommonPassword }).map((v) => ({ field, message: v.message }));
  }
}
