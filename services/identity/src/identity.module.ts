import { Module } from '@nestjs/common';
import { LoginController } from './auth/login/login.controller';
import { LoginHandler } from './auth/login/login.handler';
import { TokenService } from './auth/tokens/token-service';
import { VerifyTokenController } from './auth/verify-token/verify-token.controller';
import { BootstrapPlatformAdmin } from './bootstrap/bootstrap-platform-admin';
import { CredentialStore } from './passwords/credential-store';
import { PasswordHasher } from './passwords/password-hasher';
import { RegisterUserController } from './users/register-user/register-user.controller';
import { RegisterUserHandler } from './users/register-user/register-user.handler';
import { UserRepository } from './users/user-repository/user-repository';

@Module({
  controllers: [LoginController, VerifyTokenController, RegisterUserController],
  providers: [BootstrapPlatformAdmin, CredentialStore, LoginHandler, PasswordHasher, RegisterUserHandler, TokenService, UserRepository],
})
export class IdentityModule {}
