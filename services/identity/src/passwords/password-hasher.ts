import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';

/** Argon2id with OWASP's recommended parameters (19 MiB memory, 2 iterations, 1 lane). */
const PARAMETERS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** Verified against when the user is unknown, so a wrong username costs as long as a wrong password. */
  private decoy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, PARAMETERS);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash === null) {
      this.decoy ??= hash('decoy-password-for-unknown-users', PARAMETERS);
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
