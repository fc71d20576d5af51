import type { KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { SessionUser } from '@broker/contracts';
import { publicKeyPem, signActorAssertion } from '@broker/messaging';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../../identity.config';
import { actorAssertionPrivateKey } from './actor-assertion-key';

/** Signs the actor of a verified request; only identity holds the private key (docs/adr/0019). */
@Injectable()
export class ActorAssertionSigner {
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: IdentityConfig) {
    this.privateKey = actorAssertionPrivateKey(config);
    this.publicKeyPem = publicKeyPem(this.privateKey);
  }

  sign(user: SessionUser): string {
    return signActorAssertion(
      { userId: user.id, role: user.role, resellerId: user.resellerId, organizationId: user.organizationId },
      this.privateKey,
      this.config.ACTOR_ASSERTION_TTL_SECONDS,
    );
  }
}
