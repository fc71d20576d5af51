import { Injectable } from '@nestjs/common';
import type { LoginRequest, TokenResponse } from '@broker/contracts';
import { CredentialStore } from '../../passwords/credential-store';
import { PasswordHasher } from '../../passwords/password-hasher';
import { InvalidCredentialsError } from '../../users/domain/user.errors';
import { UserRepository } from '../../users/user-repository/user-repository';
import { LoginThrottle } from '../login-throttle/login-throttle';
import { SessionUsers } from '../sessions/session-users';
import { Sessions } from '../sessions/sessions';

/**
 * One answer for a wrong password, an unknown user and a disabled user, taking the same time for each. Every
 * attempt first takes a place in the login throttle (per account and per source address): when too many have
 * failed lately, the answer is 429 before any password is looked at.
 */
@Injectable()
export class LoginHandler {
  constructor(
    private readonly users: UserRepository,
    private readonly credentials: CredentialStore,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessionUsers: SessionUsers,
    private readonly sessions: Sessions,
  ) {}

  async login(request: LoginRequest): Promise<TokenResponse> {
    const attempt = await this.throttle.begin(request.username, request.sourceAddress);
    let response: TokenResponse;
    try {
      response = await this.verify(request);
    } catch (error) {
      // A failed login keeps its place in the logs; anything else must not count against the user.
      if (!(error instanceof InvalidCredentialsError)) await this.throttle.abandoned(attempt);
      throw error;
    }
    await this.throttle.succeeded(attempt);
    return response;
  }

  private async verify(request: LoginRequest): Promise<TokenResponse> {
    const userId = await this.users.userIdOf(request.username);
    // The user is read before the hash: a password set after this read ends the session it opens.
    const account = userId ? await this.sessionUsers.load(userId) : null;
    const passwordHash = userId ? await this.credentials.passwordHashOf(userId) : null;
    const passwordOk = await this.hasher.verify(passwordHash, request.password);
    if (!account?.user || !passwordOk) throw new InvalidCredentialsError();
    return this.sessions.open(account.user, account, request.sourceAddress ?? 'unknown');
  }
}
