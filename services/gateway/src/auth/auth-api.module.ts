import { Module } from '@nestjs/common';
import { LoginController } from './login/login.controller';

/** Auth section of api-v1.md: login, refresh, /me, own password. */
@Module({ controllers: [LoginController] })
export class AuthApiModule {}
