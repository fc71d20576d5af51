import { Module } from '@nestjs/common';
import { ResellerPropertiesController } from './reseller-properties.controller';
import { ResellersController } from './resellers.controller';

/** Resellers section of api-v1.md. */
@Module({ controllers: [ResellersController, ResellerPropertiesController] })
export class ResellersApiModule {}
