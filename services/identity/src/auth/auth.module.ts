import { ServiceModule } from '@broker/runtime';
import { UsersModule } from '../users/users.module';
import { ActorAssertionKeyController } from './actor-assertion-key/actor-assertion-key.controller';
import { ActorAssertionSigner } from './actor-assertion/actor-assertion-signer';
import { LoginController } from './login/login.controller';
import { LoginHandler } from './login/login.handler';
import { LOGIN_THROTTLE_COLLECTION, LoginThrottle } from './login-throttle/login-throttle';
import { LogoutController } from './logout/logout.controller';
import { LogoutHandler } from './logout/logout.handler';
import { RefreshController } from './refresh/refresh.controller';
import { RefreshHandler } from './refresh/refresh.handler';
import { SessionUsers } from './sessions/session-users';
import { Sessions } from './sessions/sessions';
import { SignInLog } from './sign-in-events/sign-in-log';
import { TokenService } from './tokens/token-service';
import { VerifyTokenController } from './verify-token/verify-token.controller';

/** Login, tokens, sessions. */
@ServiceModule({
  imports: [UsersModule],
  collections: [LOGIN_THROTTLE_COLLECTION],
  controllers: [LoginController, RefreshController, LogoutController, VerifyTokenController, ActorAssertionKeyController],
  providers: [LoginHandler, LoginThrottle, SignInLog, TokenService, SessionUsers, Sessions, RefreshHandler, LogoutHandler, ActorAssertionSigner],
})
export class AuthModule {}
