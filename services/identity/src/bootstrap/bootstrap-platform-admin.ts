import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { nameBasedId } from '@broker/contracts';
import { WrongExpectedRevisionError, type EventStore } from '@broker/event-sourcing';
import { EVENT_STORE, SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../identity.config';
import { RegisterUserHandler } from '../users/register-user/register-user.handler';
import { UserRepository } from '../users/user.repository';

const PLATFORM_ADMINS_STREAM = 'platform-admins';

/**
 * On the first start, creates the platform admin from PLATFORM_ADMIN_USERNAME / PLATFORM_ADMIN_PASSWORD.
 * Every step is idempotent, so replicas starting together, or a start that crashed half-way, end with one admin.
 */
@Injectable()
export class BootstrapPlatformAdmin {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    private readonly users: UserRepository,
    private readonly register: RegisterUserHandler,
  ) {}

  async run(logger: Logger, at = new Date()): Promise<void> {
    const existing = await this.store.readStream(PLATFORM_ADMINS_STREAM, { maxCount: 1 });
    if (existing.length > 0) return;

    const username = this.config.PLATFORM_ADMIN_USERNAME?.trim().toLowerCase();
    const password = this.config.PLATFORM_ADMIN_PASSWORD;
    if (!username || !password) {
      throw new Error('No platform admin exists yet: set PLATFORM_ADMIN_USERNAME and PLATFORM_ADMIN_PASSWORD to create the first one');
    }
    const userId = nameBasedId(`platform-admin:${username}`);
    const metadata = { actorId: 'system', correlationId: nameBasedId(`bootstrap:${userId}`) };
    if ((await this.users.load(userId)).status === 'none') {
      const registration = { userId, username, firstName: 'Platform', lastName: 'Administrator', email: username, role: 'platform_admin' as const, resellerId: null, organizationId: null, password };
      await this.register.register(registration, 'system', metadata, at);
    }
    try {
      await this.store.appendToStream(
        PLATFORM_ADMINS_STREAM,
        [{ id: nameBasedId(`platform-admin-designated:${userId}`), type: 'PlatformAdminDesignated', data: { userId, designatedAt: at.toISOString() }, metadata }],
        'no_stream',
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error; // another replica finished first
    }
    logger.info({ username }, 'Created the first platform admin');
  }
}
