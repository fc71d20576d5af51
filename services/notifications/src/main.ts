import { BaseServiceConfig } from '@broker/platform';
import { runService } from '@broker/runtime';
import { NotificationsModule } from './notifications.module';

void runService({ service: 'notifications', configClass: BaseServiceConfig, module: NotificationsModule });
