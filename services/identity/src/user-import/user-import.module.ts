import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';

/** CSV import of users (our template and the Microsoft 365 admin center export). */
@Module({ imports: [UsersModule] })
export class UserImportModule {}
