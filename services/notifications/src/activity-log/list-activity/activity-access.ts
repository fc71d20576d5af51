import type { ActorDto, ActivityScope } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';

export class ActivityForbiddenError extends DomainError {
  constructor() {
    super('ACTIVITY.FORBIDDEN', 'Your role may not read this activity log');
  }
}

export class ActivityNotFoundError extends DomainError {
  constructor(scope: ActivityScope, id: string) {
    super('ACTIVITY.NOT_FOUND', `No ${scope} ${id}`);
  }
}

/** Which entries a list holds: those of one organization, of one reseller (its organizations' too), or all. */
export type ActivityFilter = { organizationId: string } | { resellerId: string } | Record<string, never>;

/**
 * Who reads which list. An organization's: its admins, billing admins and viewers, its reseller's admins and the
 * platform admin (never its plain users). A reseller's: its admins and the platform admin. The platform's: the
 * platform admin. A tenant the actor may not know of is "not found", as everywhere; `resellerOf` is the reseller of
 * an organization as this service knows it (null: not known).
 */
export function activityFilterFor(actor: ActorDto, scope: ActivityScope, tenantId: string | undefined, resellerOf: string | null): ActivityFilter {
  switch (scope) {
    case 'platform':
      if (actor.role !== 'platform_admin') throw new ActivityForbiddenError();
      return {};
    case 'reseller': {
      const resellerId = tenantId ?? '';
      if (actor.role === 'platform_admin') return { resellerId };
      if (actor.role !== 'reseller_admin') throw new ActivityForbiddenError();
      if (actor.resellerId !== resellerId) throw new ActivityNotFoundError('reseller', resellerId);
      return { resellerId };
    }
    case 'organization': {
      const organizationId = tenantId ?? '';
      if (actor.role === 'org_user') throw new ActivityForbiddenError();
      const visible =
        actor.role === 'platform_admin'
          ? resellerOf !== null
          : actor.role === 'reseller_admin'
            ? resellerOf !== null && resellerOf === actor.resellerId
            : actor.organizationId === organizationId;
      if (!visible) throw new ActivityNotFoundError('organization', organizationId);
      return { organizationId };
    }
  }
}
