import { Inject, Injectable } from '@nestjs/common';
import type { LoginRequest, SessionUser, TokenResponse } from '@broker/contracts';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../../identity.config';
import { CredentialStore } from '../../passwords/credential-store';
import { PasswordHasher } from '../../passwords/password-hasher';
import { InvalidCredentialsError } from '../../users/domain/user.errors';
import { UserRepository } from '../../users/user.repository';
import { LoginThrottle } from '../login-throttle/login-throttle';
import { LoginThrottledError } from '../login-throttle/login-throttled.error';
import { SessionUsers, type SessionAccount } from '../sessions/session-users';
import { Sessions } from '../sessions/sessions';
import { signInFailed, signInSucceeded, signInThrottled, type AttemptFacts, type SignInFailure } from '../sign-in-events/domain/sign-in.events';
import { SignInLog } from '../sign-in-events/sign-in-log';
import { usernameDigest } from '../username-digest';

type Verified =
  | { userId: string | null; user: SessionUser; account: SessionAccount; failure?: never }
  | { userId: string | null; user: null; failure: SignInFailure };

/**
 * One answer for a wrong password, an unknown user and a disabled user, taking the same time for each. Every
 * attempt first takes a place in the login throttle (per account and address, per address, and the account's
 * growing delay): when it refuses, the answer is 429 before any password is looked at. Every attempt, whatever
 * its outcome, becomes a sign-in event.
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
    private readonly signIns: SignInLog,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async login(request: LoginRequest): Promise<TokenResponse> {
    const at = new Date();
    const facts = (userId: string | null): AttemptFacts => ({ userId, usernameDigest: usernameDigest(this.config.JWT_SECRET, request.username), sourceAddress: request.sourceAddress, at });
    let attempt;
    try {
      attempt = await this.throttle.begin(request.username, request.sourceAddress, at.getTime());
    } catch (error) {
      if (error instanceof LoginThrottledError) {
        await this.signIns.record(signInThrottled(facts(await this.users.userIdOf(request.username)), error.scope, error.retryAfterSeconds));
      }
      throw error;
    }
    let verified: Verified;
    try {
      verified = await this.verify(request);
    } catch (error) {
      // A store failure must not count against the user.
      await this.throttle.abandoned(attempt);
      throw error;
    }
    if (!verified.user) {
      // The failure keeps its place in the throttle's logs.
      await this.signIns.record(signInFailed(facts(verified.userId), verified.failure));
      throw new InvalidCredentialsError();
    }
    await this.throttle.succeeded(attempt);
    const response = await this.sessions.open(verified.user, verified.account, request.sourceAddress ?? 'unknown', at);
    await this.signIns.record(signInSucceeded({ ...facts(verified.user.id), userId: verified.user.id }, verified.user));
    return response;
  }

  /** The same work for every case: the hasher verifies against a dummy hash when there is no user. */
  private async verify(request: LoginRequest): Promise<Verified> {
    const userId = await this.users.userIdOf(request.username);
    // The user is read before the hash: a password set after this read ends the session it opens.
    const account = userId ? await this.sessionUsers.load(userId) : null;
    const passwordHash = userId ? await this.credentials.passwordHashOf(userId) : null;
    const passwordOk = await this.hasher.verify(passwordHash, request.password);
    const user = passwordOk ? account?.user : null;
    if (user && account) return { userId, user, account };
    return { userId, user: null, failure: !userId ? 'unknown_user' : passwordOk ? 'user_not_active' : 'wrong_password' };
  }
}
