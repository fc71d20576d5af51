import { Injectable } from '@nestjs/common';
import type { SetOrganizationUserPasswordRequest } from '@broker/contracts';
import { CredentialStore } from '../../passwords/credential-store';
import { PasswordHasher } from '../../passwords/password-hasher';
import { PasswordRules } from '../../passwords/password-rules';
import { UserAccess } from '../access/user-access';
import { UserValidationError } from '../domain/user.errors';
import { UserCommands } from '../user-commands';

/** An admin sets a user's password; the policy applies, every broken rule reported at once. */
@Injectable()
export class SetUserPasswordHandler {
  constructor(
    private readonly access: UserAccess,
    private readonly commands: UserCommands,
    private readonly passwords: PasswordRules,
    private readonly credentials: CredentialStore,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(request: SetOrganizationUserPasswordRequest, at = new Date()): Promise<void> {
    const { actor, organizationId, userId, password } = request;
    const user = await this.access.require(actor, organizationId, userId, 'write');
    const errors = this.passwords.violations(password, user);
    if (errors.length > 0) throw new UserValidationError(errors, 'The password does not meet the password policy');
    await this.credentials.set(userId, await this.hasher.hash(password), at);
    await this.commands.execute(actor, user, { type: 'ChangePassword', data: { userId }, actorId: actor.userId, at });
  }
}
