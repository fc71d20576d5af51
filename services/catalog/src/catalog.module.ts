import { Module } from '@nestjs/common';

/** The catalog service's use cases are registered here as they land. */
@Module({})
export class CatalogModule {}
