import { Module } from '@nestjs/common';
import { LoginController } from './login/login.controller';
import { LogoutController } from './logout/logout.controller';

/** Auth section of api-v1.md: login, refresh, logout, /me, own password. */
@Module({ controllers: [LoginController, LogoutController] })
export class AuthApiModule {}
