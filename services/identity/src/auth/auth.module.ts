import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { LoginController } from './login/login.controller';
import { LoginHandler } from './login/login.handler';
import { LoginThrottle } from './login-throttle/login-throttle';
import { SignInLog } from './sign-in-events/sign-in-log';
import { TokenService } from './tokens/token-service';
import { VerifyTokenController } from './verify-token/verify-token.controller';

/** Login, tokens, sessions. */
@Module({
  imports: [UsersModule],
  controllers: [LoginController, VerifyTokenController],
  providers: [LoginHandler, LoginThrottle, SignInLog, TokenService],
})
export class AuthModule {}
