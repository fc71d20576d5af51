import { Controller } from '@nestjs/common';
import { ActorAssertionRpc, type ActorAssertionKey } from '@broker/contracts';
import { RpcHandler } from '@broker/messaging';
import { ActorAssertionSigner } from '../actor-assertion/actor-assertion-signer';

@Controller()
export class ActorAssertionKeyController {
  constructor(private readonly signer: ActorAssertionSigner) {}

  /** Services ask once for the key that verifies actor assertions; it is public, so no actor is needed. */
  @RpcHandler(ActorAssertionRpc.publicKey)
  publicKey(): ActorAssertionKey {
    return { publicKey: this.signer.publicKeyPem };
  }
}
