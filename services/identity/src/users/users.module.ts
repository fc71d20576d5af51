import { Module } from '@nestjs/common';
import { CredentialStore } from '../passwords/credential-store';
import { PasswordHasher } from '../passwords/password-hasher';
import { RegisterUserController } from './register-user/register-user.controller';
import { RegisterUserHandler } from './register-user/register-user.handler';
import { UserRepository } from './user-repository/user-repository';

/** Users: registration and administration. Exports what login and import build on. */
@Module({
  controllers: [RegisterUserController],
  providers: [CredentialStore, PasswordHasher, RegisterUserHandler, UserRepository],
  exports: [CredentialStore, PasswordHasher, RegisterUserHandler, UserRepository],
})
export class UsersModule {}
