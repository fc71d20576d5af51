import { JwtService } from '@nestjs/jwt';
import type { IdentityConfig } from '../../identity.config';
import { TokenService } from './token-service';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const config = { JWT_SECRET: SECRET, ACCESS_TOKEN_TTL_SECONDS: 900 } as IdentityConfig;
const user = { id: 'u1', username: 'u1@example.com', role: 'org_admin' } as never;
const session = { sessionId: 's1', generation: 3, expiresAt: new Date(Date.now() + 3_600_000) };

describe('TokenService', () => {
  const tokens = new TokenService(config);

  it('verifies the tokens it issues, each only as its own type', async () => {
    const issued = await tokens.issue(user, session);
    const access = await tokens.verify(issued.accessToken, 'access');
    expect(access).toEqual({ userId: 'u1', sessionId: 's1', generation: 3, expiresAt: expect.any(Date) });
    // Whole seconds, as JWTs carry them.
    expect(Math.abs(access!.expiresAt.getTime() - (Date.now() + issued.expiresIn * 1000))).toBeLessThan(2000);
    expect(await tokens.verify(issued.refreshToken, 'refresh')).toEqual({ userId: 'u1', sessionId: 's1', generation: 3, expiresAt: expect.any(Date) });
    expect(await tokens.verify(issued.accessToken, 'refresh')).toBeNull();
  });

  it('still accepts tokens signed with the secret as a string (issued before the key became a KeyObject)', async () => {
    const before = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256', issuer: 'broker' } });
    const token = await before.signAsync({ sub: 'u2', sid: 's2', gen: 0, typ: 'access', jti: 'j' }, { expiresIn: 60 });
    expect(await tokens.verify(token, 'access')).toEqual({ userId: 'u2', sessionId: 's2', generation: 0, expiresAt: expect.any(Date) });
  });

  it('refuses a token signed with another secret, or with another issuer', async () => {
    const other = new JwtService({ secret: `${SECRET}-other`, signOptions: { algorithm: 'HS256', issuer: 'broker' } });
    expect(await tokens.verify(await other.signAsync({ sub: 'u', sid: 's', gen: 0, typ: 'access', jti: 'j' }), 'access')).toBeNull();
    const foreign = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256', issuer: 'elsewhere' } });
    expect(await tokens.verify(await foreign.signAsync({ sub: 'u', sid: 's', gen: 0, typ: 'access', jti: 'j' }), 'access')).toBeNull();
  });
});
