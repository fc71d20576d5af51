import { Injectable } from '@nestjs/common';
import type { ChangeOwnPasswordRequest } from '@broker/contracts';
import { CredentialStore } from '../../passwords/credential-store';
import { PasswordHasher } from '../../passwords/password-hasher';
import { PasswordRules } from '../../passwords/password-rules';
import { UserValidationError, type FieldMessage } from '../domain/user.errors';
import { UserCommands } from '../user-commands';
import { UserRepository } from '../user.repository';

/**
 * Any user changes their own password, proving the current one. A wrong current password is a 400 naming the
 * field `currentPassword` (not a 401: the caller's session is valid, and a 401 would make clients log them out),
 * listed together with every rule the new password breaks.
 */
@Injectable()
export class ChangeOwnPasswordHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly commands: UserCommands,
    private readonly passwords: PasswordRules,
    private readonly credentials: CredentialStore,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(request: ChangeOwnPasswordRequest, at = new Date()): Promise<void> {
    const { actor, currentPassword, newPassword } = request;
    const user = await this.users.loadExisting(actor.userId);
    const errors: FieldMessage[] = [];
    if (!(await this.hasher.verify(await this.credentials.passwordHashOf(user.userId), currentPassword))) {
      errors.push({ field: 'currentPassword', message: 'currentPassword is not your current password' });
    }
    errors.push(...this.passwords.violations(newPassword, user, 'newPassword'));
    if (errors.length > 0) throw new UserValidationError(errors, 'The password was not changed');
    await this.credentials.set(user.userId, await this.hasher.hash(newPassword), at);
    await this.commands.execute(actor, user, { type: 'ChangePassword', data: { userId: user.userId }, actorId: actor.userId, at });
  }
}
