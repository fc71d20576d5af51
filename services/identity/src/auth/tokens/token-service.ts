import { createSecretKey, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { SessionUser, TokenResponse } from '@broker/contracts';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../../identity.config';

interface TokenClaims {
  sub: string;
  typ: 'access' | 'refresh';
  jti: string;
  /** The session, and the generation (the session stream's revision) of the event that issued the token. */
  sid: string;
  gen: number;
}

/** What a valid token names: its user, session and generation. */
export interface TokenSession {
  userId: string;
  sessionId: string;
  generation: number;
  /** When the token expires. */
  expiresAt: Date;
}

/** The session a pair of tokens is issued for. */
export interface IssuedSession {
  sessionId: string;
  generation: number;
  expiresAt: Date;
}

/**
 * Short-lived access tokens and refresh tokens, both HS256 JWTs naming the user and the session. A signature is
 * not enough: every use checks the session (live, not spent, not revoked) and the user (still active, nothing
 * since the session opened that ends it), so neither role nor tenant is trusted from a token.
 */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: IdentityConfig) {
    // A KeyObject, not the string: given a string, the JWT library first tries to parse it as a PEM public key on
    // every verify and throws, which cost identity a fifth of its CPU under load (docs/performance.md).
    this.jwt = new JwtService({ secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')), signOptions: { algorithm: 'HS256', issuer: 'broker' }, verifyOptions: { algorithms: ['HS256'], issuer: 'broker' } });
  }

  /** The refresh token expires with its session; the access token no later than that either. */
  async issue(user: SessionUser, session: IssuedSession, now = new Date()): Promise<TokenResponse> {
    const sessionLeft = Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000);
    const expiresIn = Math.max(1, Math.min(this.config.ACCESS_TOKEN_TTL_SECONDS, sessionLeft));
    const claims = { sub: user.id, sid: session.sessionId, gen: session.generation };
    const accessToken = await this.jwt.signAsync({ ...claims, typ: 'access', jti: randomUUID() } satisfies TokenClaims, { expiresIn });
    const refreshToken = await this.jwt.signAsync(
      { ...claims, typ: 'refresh', jti: randomUUID(), exp: Math.floor(session.expiresAt.getTime() / 1000) } satisfies TokenClaims & { exp: number },
    );
    return { accessToken, refreshToken, expiresIn, user };
  }

  /** The user, session and generation of a valid token of that type, or null (bad signature, expired, wrong type, no session). */
  async verify(token: string, type: TokenClaims['typ']): Promise<TokenSession | null> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims & { exp?: number }>(token);
      if (claims.typ !== type || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
      if (!Number.isSafeInteger(claims.gen) || claims.gen < 0 || !Number.isSafeInteger(claims.exp)) return null;
      return { userId: claims.sub, sessionId: claims.sid, generation: claims.gen, expiresAt: new Date(claims.exp! * 1000) };
    } catch {
      return null;
    }
  }
}
