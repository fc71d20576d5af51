import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { ActorAssertionKeyController } from './actor-assertion/actor-assertion-key.controller';
import { ActorAssertionSigner } from './actor-assertion/actor-assertion-signer';
import { LoginController } from './login/login.controller';
import { LoginHandler } from './login/login.handler';
import { LoginThrottle } from './login-throttle/login-throttle';
import { TokenService } from './tokens/token-service';
import { VerifyTokenController } from './verify-token/verify-token.controller';

/** Login, tokens, sessions. */
@Module({
  imports: [UsersModule],
  controllers: [LoginController, VerifyTokenController, ActorAssertionKeyController],
  providers: [LoginHandler, LoginThrottle, TokenService, ActorAssertionSigner],
})
export class AuthModule {}
