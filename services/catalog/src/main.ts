import { BaseServiceConfig } from '@broker/platform';
import { runService } from '@broker/runtime';
import { CatalogModule } from './catalog.module';

void runService({ service: 'catalog', configClass: BaseServiceConfig, module: CatalogModule });
