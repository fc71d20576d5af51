import { Module } from '@nestjs/common';
import { ResellersController } from './resellers.controller';

/** Resellers section of api-v1.md. */
@Module({ controllers: [ResellersController] })
export class ResellersApiModule {}
