import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ActorDto, type Role } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';

export const AuthRpc = {
  login: rpc<LoginRequest, TokenResponse>('identity.auth.login', { errors: ['AUTH.UNAUTHENTICATED', 'AUTH.THROTTLED'] }),
  refresh: rpc<RefreshRequest, TokenResponse>('identity.auth.refresh', { errors: ['AUTH.UNAUTHENTICATED'] }),
  /** Verifies an access token and that it still belongs to an active user (disabled users lose access at once). */
  verifyToken: rpc<VerifyTokenRequest, VerifiedSessionUser>('identity.auth.verify-token', { errors: ['AUTH.UNAUTHENTICATED'] }),
  me: rpc<MeRequest, UserView>('identity.auth.me', { errors: ['AUTH.UNAUTHENTICATED', 'USER.NOT_FOUND'] }),
  /** Ends the session of the access token, or every session of its user. */
  logout: rpc<LogoutRequest, null>('identity.auth.logout', { errors: ['AUTH.UNAUTHENTICATED'] }),
} as const;

export class LoginRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  username!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;

  /** Client address as the gateway saw it, for throttling. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sourceAddress?: string;
}

export class RefreshRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  refreshToken!: string;

  /** Client address as the gateway saw it, recorded on the session's events. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sourceAddress?: string;
}

export class VerifyTokenRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  accessToken!: string;
}

export class LogoutRequest {
  @ActorField()
  actor!: ActorDto;

  /** The caller's access token: it names the session to end. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  accessToken!: string;

  /** Every session of the user, not only this one. */
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}

export class MeRequest {
  @ActorField()
  actor!: ActorDto;
}

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  resellerId: string | null;
  organizationId: string | null;
}

/** What verify-token answers: the user, and a short-lived assertion of them as the actor of this request (ADR 0019). */
export interface VerifiedSessionUser extends SessionUser {
  actorAssertion: string;
  /** What a gateway needs to keep this answer while nothing revokes it (ADR 0035). */
  access: VerifiedAccess;
}

/** The session behind a verified access token. */
export interface VerifiedAccess {
  sessionId: string;
  /** The user's stream revision when the session opened: a later session-ending user event ends it. */
  userRevision: number;
  /** When the access token expires (ISO 8601). */
  expiresAt: string;
}

export interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: SessionUser;
}

export interface UserView extends SessionUser {
  firstName: string;
  lastName: string;
  email: string;
  status: 'active' | 'disabled';
}
