import { runService } from '@broker/runtime';
import { OrganizationsConfig } from './organizations.config';
import { OrganizationsModule } from './organizations.module';

void runService({ service: 'organizations', configClass: OrganizationsConfig, module: OrganizationsModule });
