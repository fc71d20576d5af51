import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { SessionUser, TokenResponse } from '@broker/contracts';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../../identity.config';

interface TokenClaims {
  sub: string;
  typ: 'access' | 'refresh';
  jti: string;
}

/**
 * Short-lived access tokens and longer refresh tokens, both HS256 JWTs naming only the user. Role and tenant are
 * not trusted from the token: every use looks the user up, so a disabled user's tokens stop working at once.
 */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: IdentityConfig) {
    this.jwt = new JwtService({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256', issuer: 'broker' }, verifyOptions: { algorithms: ['HS256'], issuer: 'broker' } });
  }

  async issue(user: SessionUser): Promise<TokenResponse> {
    const accessToken = await this.jwt.signAsync({ sub: user.id, typ: 'access', jti: randomUUID() } satisfies TokenClaims, { expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS });
    const refreshToken = await this.jwt.signAsync({ sub: user.id, typ: 'refresh', jti: randomUUID() } satisfies TokenClaims, { expiresIn: this.config.REFRESH_TOKEN_TTL_SECONDS });
    return { accessToken, refreshToken, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, user };
  }

  /** The user id of a valid token of that type, or null (bad signature, expired, wrong type). */
  async verify(token: string, type: TokenClaims['typ']): Promise<string | null> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token);
      return claims.typ === type && typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }
}
