import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { AuthRpc, MeRequest, VerifyTokenRequest, type UserView, type VerifiedSessionUser } from '@broker/contracts';
import { toUserView } from '../../users/register-user/user.view';
import { InvalidCredentialsError, UserNotFoundError } from '../../users/domain/user.errors';
import { UserRepository } from '../../users/user.repository';
import { ActorAssertionSigner } from '../actor-assertion/actor-assertion-signer';
import { Sessions } from '../sessions/sessions';

@Controller()
export class VerifyTokenController {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: Sessions,
    private readonly assertions: ActorAssertionSigner,
  ) {}

  /**
   * The gateway asks on every request: a valid token of a live session of a user who is still active. The answer
   * carries the actor assertion the gateway sends with every call it makes for this request.
   */
  @RpcHandler(AuthRpc.verifyToken)
  async verify(@Payload() request: VerifyTokenRequest): Promise<VerifiedSessionUser> {
    const verified = await this.sessions.userOfAccessToken(request.accessToken);
    if (!verified) throw new InvalidCredentialsError();
    return { ...verified.user, actorAssertion: this.assertions.sign(verified.user), access: verified.access };
  }

  @RpcHandler(AuthRpc.me)
  async me(@Payload() request: MeRequest): Promise<UserView> {
    const state = await this.users.load(request.actor.userId);
    if (state.status === 'none') throw new UserNotFoundError(request.actor.userId);
    return toUserView(state);
  }
}
